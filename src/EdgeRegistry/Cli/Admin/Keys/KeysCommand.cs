namespace EdgeRegistry.Cli.Admin.Keys;

/// <summary><c>edgereg admin keys</c>.</summary>
public sealed class KeysCommand : AdminGroupCommand
{
    public KeysCommand(AdminContext context)
        : base("keys", "AccessKeys of an account's root or of its RAM users.", context)
    {
        Subcommands.Add(new KeysListCommand(context));
        Subcommands.Add(new KeysCreateCommand(context));
        Subcommands.Add(new KeysSetEnabledCommand(context, enabled: false));
        Subcommands.Add(new KeysSetEnabledCommand(context, enabled: true));
        Subcommands.Add(new KeysDeleteCommand(context));
    }
}
