using System.Text.Json;
using EdgeRegistry.Drivers;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// The content every benchmark version carries: realistic sizes, every optional field set, and a code package
/// (uploaded per driver), so that reads also pay for the temporaryOssAddress they hand out.
/// </summary>
public static class SampleContent
{
    public const string EdgeVersion = "2.4.0";
    public const string Description = "Benchmark driver version: Modbus TCP collector for the line-3 PLCs";
    public const string DriverConfig = """[{"format":"JSON","content":"{\"pollIntervalMs\":1000,\"timeoutMs\":3000}"}]""";
    public const string ContainerConfig = """{"privileged":0,"hostNetworkMode":1,"devMappings":[],"volumeMappings":[]}""";
    public const string ConfigCheckRule = """{"deviceConfig":{"required":false},"driverConfig":{"required":true}}""";

    public static string SourceConfig(string packageAddress) => JsonSerializer.Serialize(new { ossAddress = packageAddress });

    public static DriverVersionContent Content(string packageAddress) =>
        new(EdgeVersion, Description, SourceConfig(packageAddress), DriverConfig, ContainerConfig, ConfigCheckRule, "");

    /// <summary>The same content as CreateEdgeDriverVersion parameters.</summary>
    public static IEnumerable<KeyValuePair<string, string>> VersionParameters(string driverId, string version, string packageAddress) =>
    [
        new("DriverId", driverId),
        new("DriverVersion", version),
        new("EdgeVersion", EdgeVersion),
        new("Description", Description),
        new("SourceConfig", SourceConfig(packageAddress)),
        new("DriverConfig", DriverConfig),
        new("ContainerConfig", ContainerConfig),
        new("ConfigCheckRule", ConfigCheckRule),
    ];
}
