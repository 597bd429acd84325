namespace EdgeRegistry.Cli.Admin.Accounts;

/// <summary><c>edgereg admin accounts list</c>: <c>GET /admin/accounts</c>.</summary>
public sealed class AccountsListCommand(AdminContext context) : AdminLeafCommand("list", "List the accounts.", context)
{
    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var accounts = await invocation.Client.ListAccountsAsync(cancellationToken);
        invocation.Output.List(accounts, "No accounts.", AccountFields.All);
        return ExitCodes.Ok;
    }
}
