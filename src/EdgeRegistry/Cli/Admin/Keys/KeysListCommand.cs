using System.CommandLine;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin.Keys;

/// <summary><c>edgereg admin keys list ACCOUNT [--user NAME | --root]</c>: <c>GET /admin/accounts/{accountId}/keys[?user=]</c>.</summary>
public sealed class KeysListCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Option<string> _user = new("--user") { Description = "Only this RAM user's keys.", HelpName = "NAME" };
    private readonly Option<bool> _root = new("--root") { Description = "Only the account's root keys." };

    public KeysListCommand(AdminContext context)
        : base("list", "List an account's AccessKeys (never their secrets).", context)
    {
        Arguments.Add(_account);
        Options.Add(_user);
        Options.Add(_root);
    }

    protected override string? Validate(ParseResult parse) => parse.GetValue(_user) switch
    {
        not null when parse.GetValue(_root) => "--user and --root cannot be used together.",
        "" => "--user needs a RAM user's name (--root lists the root keys).",
        _ => null,
    };

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var user = invocation.Parse.GetValue(_root) ? "" : invocation.Parse.GetValue(_user);
        var keys = await invocation.Client.ListKeysAsync(invocation.Parse.GetRequiredValue(_account), user, cancellationToken);
        invocation.Output.List<AdminAccessKey>(
            keys,
            "No keys.",
            new("AccessKeyId", k => k.AccessKeyId),
            new("User", k => k.UserName ?? "(root)"),
            new("Enabled", k => AdminFormat.YesNo(k.Enabled)),
            new("Created", k => AdminFormat.Time(k.CreatedMs)));
        return ExitCodes.Ok;
    }
}
