using System.CommandLine;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin.Accounts;

/// <summary><c>edgereg admin accounts create NAME</c>: <c>POST /admin/accounts</c>, which also makes its first root key.</summary>
public sealed class AccountsCreateCommand : AdminLeafCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "A name for people to recognise the account by." };

    public AccountsCreateCommand(AdminContext context)
        : base("create", "Create an account with one root AccessKey, and print that key's secret once.", context)
    {
        Arguments.Add(_name);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = await invocation.Client.CreateAccountAsync(invocation.Parse.GetRequiredValue(_name), cancellationToken);
        invocation.Output.Item<AdminCreatedAccount>(
            account,
            new("Account", a => a.AccountId),
            new("Name", a => a.Name),
            new("Default", a => AdminFormat.YesNo(a.IsDefault)),
            new("Created", a => AdminFormat.Time(a.CreatedMs)),
            new("AccessKeyId", a => a.AccessKeyId),
            new("AccessKeySecret", a => a.AccessKeySecret));
        invocation.Output.Notice(SecretNotice.Text);
        return ExitCodes.Ok;
    }
}
