using System.Globalization;

namespace EdgeRegistry.Fuzz;

/// <summary>
/// Valid parameter sets for every implemented Action, from the rules in src/EdgeRegistry/Drivers (names, enums,
/// lengths, JSON shapes), naming drivers, versions and objects the set-up created so the handlers do real work.
/// </summary>
public static class RpcGrammar
{
    public static readonly string[] Actions =
    [
        "CreateEdgeDriver", "QueryEdgeDriver", "BatchGetEdgeDriver", "DeleteEdgeDriver", "CreateEdgeDriverVersion",
        "UpdateEdgeDriverVersion", "GetEdgeDriverVersion", "QueryEdgeDriverVersion", "DeleteEdgeDriverVersion",
        "ReleaseEdgeDriverVersion", "CreateEdgeOssPreSignedAddress",
    ];

    /// <summary>Actions of the Iot API that are known but not implemented, and ones that do not exist.</summary>
    public static readonly string[] OtherActions = ["QueryDevice", "CreateProduct", "BatchBindDeviceToEdgeInstanceWithDriver", "NoSuchAction", "createedgedriver", ""];

    private static readonly string[] Protocols = ["modbus", "opc-ua", "customize", "MODBUS"];
    private static readonly string[] Runtimes = ["nodejs8", "python3", "c", "java8"];
    private static readonly string[] Arches = ["ARMv7", "ARMv7-HF", "AArch64", "x86-64", "x86"];
    private static readonly string[] PresignTypes = ["DRIVER_VERSION_CONTENT", "DRIVER_VERSION_DEFAULT_CONFIG", "INSTANCE_DRIVER_VERSION_CONFIG"];

    public static List<KeyValuePair<string, string>> Parameters(string action, Random rng, FuzzTarget target)
    {
        var p = new List<KeyValuePair<string, string>>();
        void Add(string name, string value) => p.Add(new(name, value));
        void Maybe(string name, Func<string> value)
        {
            if (rng.Next(2) == 0)
            {
                Add(name, value());
            }
        }

        var (driverId, version) = KnownVersion(rng, target);
        switch (action)
        {
            case "CreateEdgeDriver":
                Add("DriverName", "fz" + rng.Next(1_000_000).ToString(CultureInfo.InvariantCulture));
                Add("DriverProtocol", Pick(rng, Protocols));
                Add("Runtime", Pick(rng, Runtimes));
                Maybe("CpuArch", () => Pick(rng, Arches));
                Maybe("IsBuiltIn", () => rng.Next(2) == 0 ? "true" : "false");
                break;
            case "QueryEdgeDriver":
                Add("CurrentPage", rng.Next(1, 4).ToString(CultureInfo.InvariantCulture));
                Add("PageSize", rng.Next(1, 51).ToString(CultureInfo.InvariantCulture));
                Add("Type", rng.Next(0, 3).ToString(CultureInfo.InvariantCulture));
                Maybe("DriverName", () => "fz");
                break;
            case "BatchGetEdgeDriver":
                for (var i = 1; i <= rng.Next(1, 5); i++)
                {
                    Add($"DriverIds.{i}", KnownDriver(rng, target));
                }

                break;
            case "DeleteEdgeDriver":
                Add("DriverId", rng.Next(4) == 0 ? KnownDriver(rng, target) : Guid.NewGuid().ToString("N"));
                break;
            case "CreateEdgeDriverVersion" or "UpdateEdgeDriverVersion":
                Add("DriverId", driverId);
                Add("DriverVersion", action == "UpdateEdgeDriverVersion" ? version : "v" + rng.Next(100_000).ToString(CultureInfo.InvariantCulture));
                Add("EdgeVersion", Pick(rng, ["2.4.0", "2", "1.8.2.1"]));
                Maybe("Description", () => "fuzzed é " + rng.Next());
                Maybe("SourceConfig", () => "{\"ossAddress\":\"http://example.com/p.zip\"}");
                Maybe("DriverConfig", () => "[{\"format\":\"KV\",\"content\":\"{\\\"a\\\":1}\"}]");
                Maybe("ContainerConfig", () => "{\"privileged\":false,\"devMappings\":[],\"hostNetworkMode\":false}");
                Maybe("ConfigCheckRule", () => "{\"deviceConfig\":{\"required\":false},\"driverConfig\":{\"required\":true}}");
                Maybe("Argument", () => "--verbose");
                break;
            case "GetEdgeDriverVersion" or "DeleteEdgeDriverVersion" or "ReleaseEdgeDriverVersion":
                Add("DriverId", driverId);
                Add("DriverVersion", action == "GetEdgeDriverVersion" || rng.Next(3) == 0 ? version : "v" + rng.Next(100_000).ToString(CultureInfo.InvariantCulture));
                break;
            case "QueryEdgeDriverVersion":
                Add("DriverId", driverId);
                Add("CurrentPage", rng.Next(1, 3).ToString(CultureInfo.InvariantCulture));
                Add("PageSize", rng.Next(1, 51).ToString(CultureInfo.InvariantCulture));
                Maybe("VersionState", () => rng.Next(0, 2).ToString(CultureInfo.InvariantCulture));
                Maybe("DriverVersion", () => version);
                break;
            case "CreateEdgeOssPreSignedAddress":
                var type = Pick(rng, PresignTypes);
                Add("Type", type);
                Add("ResourceId", driverId);
                Add("ResourceVersion", version);
                Add("FileName", Pick(rng, ["driver.zip", "config.json", "a.tar.gz"]));
                if (type == "INSTANCE_DRIVER_VERSION_CONFIG" || rng.Next(4) == 0)
                {
                    Add("InstanceId", "iot-" + rng.Next(100).ToString(CultureInfo.InvariantCulture));
                }

                break;
        }

        return p;
    }

    public static string Pick(Random rng, IReadOnlyList<string> values) => values[rng.Next(values.Count)];

    private static string KnownDriver(Random rng, FuzzTarget target) =>
        target.DriverIds.Count > 0 ? Pick(rng, target.DriverIds) : Guid.NewGuid().ToString("N");

    private static (string DriverId, string Version) KnownVersion(Random rng, FuzzTarget target) =>
        target.Versions.Count > 0 && rng.Next(6) != 0
            ? target.Versions[rng.Next(target.Versions.Count)]
            : (KnownDriver(rng, target), "1.0." + rng.Next(10).ToString(CultureInfo.InvariantCulture));
}
