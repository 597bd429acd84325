namespace EdgeRegistry.Cli.Admin.Storage;

/// <summary><c>edgereg admin storage</c>.</summary>
public sealed class StorageCommand : AdminGroupCommand
{
    public StorageCommand(AdminContext context)
        : base("storage", "Per-account limits on stored package bytes (unlimited unless set).", context)
    {
        Subcommands.Add(new StorageShowCommand(context));
        Subcommands.Add(new StorageSetCommand(context));
    }
}
