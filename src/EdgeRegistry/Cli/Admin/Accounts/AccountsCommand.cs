namespace EdgeRegistry.Cli.Admin.Accounts;

/// <summary><c>edgereg admin accounts</c>.</summary>
public sealed class AccountsCommand : AdminGroupCommand
{
    public AccountsCommand(AdminContext context)
        : base("accounts", "Accounts: each owns its keys, RAM users, policies, instances and quota.", context)
    {
        Subcommands.Add(new AccountsListCommand(context));
        Subcommands.Add(new AccountsCreateCommand(context));
        Subcommands.Add(new AccountsShowCommand(context));
    }
}
