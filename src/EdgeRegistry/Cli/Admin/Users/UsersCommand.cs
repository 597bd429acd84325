namespace EdgeRegistry.Cli.Admin.Users;

/// <summary><c>edgereg admin users</c>.</summary>
public sealed class UsersCommand : AdminGroupCommand
{
    public UsersCommand(AdminContext context)
        : base("users", "RAM users: an account's users, sharing its quota, allowed what their policies allow.", context)
    {
        Subcommands.Add(new UsersListCommand(context));
        Subcommands.Add(new UsersCreateCommand(context));
        Subcommands.Add(new UsersDeleteCommand(context));
    }
}
