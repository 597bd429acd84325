namespace EdgeRegistry.Cli.Admin.Policies;

/// <summary><c>edgereg admin policies</c>.</summary>
public sealed class PoliciesCommand : AdminGroupCommand
{
    public PoliciesCommand(AdminContext context)
        : base("policies", "Policies: Alibaba policy documents that allow or deny iot:<Action> to the RAM users they are attached to.", context)
    {
        Subcommands.Add(new PoliciesListCommand(context));
        Subcommands.Add(new PoliciesPutCommand(context));
        Subcommands.Add(new PoliciesDeleteCommand(context));
        Subcommands.Add(new PoliciesAttachmentCommand(context, attach: true));
        Subcommands.Add(new PoliciesAttachmentCommand(context, attach: false));
    }
}
