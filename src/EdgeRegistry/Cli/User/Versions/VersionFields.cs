using EdgeRegistry.Cli.Admin.Output;
using EdgeRegistry.Cli.User.Client;

namespace EdgeRegistry.Cli.User.Versions;

internal static class VersionFields
{
    public static readonly AdminField<IotDriverVersion>[] Row =
    [
        new("Version", v => v.DriverVersion),
        new("State", State),
        new("Edge", v => v.EdgeVersion),
        new("Package", v => PackageSource.Of(v)?.FileName ?? ""),
        new("Description", v => v.Description),
        new("Created", v => AdminFormat.Time(v.GmtCreateTimestamp)),
    ];

    public static readonly AdminField<IotDriverVersion>[] All =
    [
        new("DriverId", v => v.DriverId),
        new("Version", v => v.DriverVersion),
        new("State", State),
        new("Edge version", v => v.EdgeVersion),
        new("Description", v => v.Description),
        new("Package", v => PackageSource.Of(v)?.OssAddress ?? ""),
        new("DriverConfig", v => Json(v.DriverConfig)),
        new("ContainerConfig", v => Json(v.ContainerConfig)),
        new("ConfigCheckRule", v => Json(v.ConfigCheckRule)),
        new("Argument", v => v.Argument),
        new("Created", v => AdminFormat.Time(v.GmtCreateTimestamp)),
        new("Modified", v => AdminFormat.Time(v.GmtModifiedTimestamp)),
    ];

    private static string State(IotDriverVersion version) => version.VersionState == IotDriverVersion.Published ? "published" : "unpublished";

    private static string Json(string? value) => string.IsNullOrEmpty(value) ? "" : AdminFormat.CompactJson(value);
}
