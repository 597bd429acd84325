using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin.Instances;

internal static class InstanceFields
{
    public static readonly AdminField<AdminInstance>[] All =
    [
        new("Instance", i => i.InstanceId),
        new("Created", i => AdminFormat.Time(i.CreatedMs)),
    ];
}
