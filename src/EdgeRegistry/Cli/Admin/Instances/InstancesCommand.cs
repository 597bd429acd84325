namespace EdgeRegistry.Cli.Admin.Instances;

/// <summary><c>edgereg admin instances</c>.</summary>
public sealed class InstancesCommand : AdminGroupCommand
{
    public InstancesCommand(AdminContext context)
        : base("instances", "Enterprise instances: the IotInstanceId values an account may call with.", context)
    {
        Subcommands.Add(new InstancesListCommand(context));
        Subcommands.Add(new InstancesCreateCommand(context));
        Subcommands.Add(new InstancesDeleteCommand(context));
    }
}
