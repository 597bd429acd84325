using EdgeRegistry.Rpc;

namespace EdgeRegistry.Drivers;

/// <summary>The parameters Create and UpdateEdgeDriverVersion share: a version's identity and its whole content.</summary>
public sealed record VersionParameters(string DriverId, string Version, DriverVersionContent Content)
{
    public static VersionParameters Bind(ParameterReader p) => new(
        p.Required("DriverId"),
        DriverRules.DriverVersion(p.Required("DriverVersion")),
        new DriverVersionContent(
            DriverRules.EdgeVersion(p.Required("EdgeVersion")),
            DriverRules.Description(p.Optional("Description")),
            JsonParameterRules.SourceConfig(p.Optional("SourceConfig")),
            JsonParameterRules.DriverConfig(p.Optional("DriverConfig")),
            JsonParameterRules.ContainerConfig(p.Optional("ContainerConfig")),
            JsonParameterRules.ConfigCheckRule(p.Optional("ConfigCheckRule")),
            DriverRules.Argument(p.Optional("Argument"))));
}

/// <summary>The parameters that name one existing version.</summary>
public sealed record VersionKey(string DriverId, string Version)
{
    public static VersionKey Bind(ParameterReader p) => new(p.Required("DriverId"), p.Required("DriverVersion"));
}
