using EdgeRegistry.Cli.Admin.Output;
using EdgeRegistry.Cli.User.Client;

namespace EdgeRegistry.Cli.User.Drivers;

internal static class DriverFields
{
    public static readonly AdminField<IotDriver>[] Row =
    [
        new("DriverId", d => d.DriverId),
        new("Name", d => d.DriverName),
        new("Protocol", d => d.DriverProtocol),
        new("Runtime", d => d.Runtime),
        new("CPU", d => d.CpuArch),
        new("Created", d => AdminFormat.Time(d.GmtCreateTimestamp)),
    ];

    public static readonly AdminField<IotDriver>[] All =
    [
        new("DriverId", d => d.DriverId),
        new("Name", d => d.DriverName),
        new("Protocol", d => d.DriverProtocol),
        new("Runtime", d => d.Runtime),
        new("CPU", d => d.CpuArch is { Length: > 0 } arch ? arch : "(any)"),
        new("Built in", d => AdminFormat.YesNo(d.IsBuiltIn)),
        new("Created", d => AdminFormat.Time(d.GmtCreateTimestamp)),
        new("Modified", d => AdminFormat.Time(d.GmtModifiedTimestamp)),
    ];
}
