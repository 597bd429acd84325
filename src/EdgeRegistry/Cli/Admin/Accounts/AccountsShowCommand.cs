using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Accounts;

/// <summary><c>edgereg admin accounts show ACCOUNT</c>: <c>GET /admin/accounts/{accountId}</c>.</summary>
public sealed class AccountsShowCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();

    public AccountsShowCommand(AdminContext context)
        : base("show", "Show one account.", context)
    {
        Arguments.Add(_account);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = await invocation.Client.GetAccountAsync(invocation.Parse.GetRequiredValue(_account), cancellationToken);
        invocation.Output.Item(account, AccountFields.All);
        return ExitCodes.Ok;
    }
}
