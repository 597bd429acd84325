using System.CommandLine;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin.Keys;

/// <summary><c>edgereg admin keys create ACCOUNT [--user NAME]</c>: <c>POST /admin/accounts/{accountId}/keys</c>.</summary>
public sealed class KeysCreateCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Option<string> _user = new("--user") { Description = "The RAM user to own the key (default: a root key).", HelpName = "NAME" };

    public KeysCreateCommand(AdminContext context)
        : base("create", "Create an AccessKey and print its secret, this once.", context)
    {
        Arguments.Add(_account);
        Options.Add(_user);
    }

    protected override string? Validate(ParseResult parse) =>
        parse.GetValue(_user) is "" ? "--user needs a RAM user's name; leave it out for a root key." : null;

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var key = await invocation.Client.CreateKeyAsync(
            invocation.Parse.GetRequiredValue(_account), invocation.Parse.GetValue(_user), cancellationToken);
        invocation.Output.Item<AdminCreatedAccessKey>(
            key,
            new("AccessKeyId", k => k.AccessKeyId),
            new("AccessKeySecret", k => k.AccessKeySecret),
            new("User", k => k.UserName ?? "(root)"),
            new("Enabled", k => AdminFormat.YesNo(k.Enabled)),
            new("Created", k => AdminFormat.Time(k.CreatedMs)));
        invocation.Output.Notice(SecretNotice.Text);
        return ExitCodes.Ok;
    }
}
