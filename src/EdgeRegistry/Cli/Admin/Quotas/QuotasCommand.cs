namespace EdgeRegistry.Cli.Admin.Quotas;

/// <summary><c>edgereg admin quotas</c>.</summary>
public sealed class QuotasCommand : AdminGroupCommand
{
    public QuotasCommand(AdminContext context)
        : base("quotas", "Per-account quota overrides: calls per second per action, all keys and RAM users counted together.", context)
    {
        Subcommands.Add(new QuotasListCommand(context));
        Subcommands.Add(new QuotasSetCommand(context));
        Subcommands.Add(new QuotasResetCommand(context));
    }
}
