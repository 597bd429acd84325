namespace EdgeRegistry.Drivers;

public sealed record Driver(
    string DriverId,
    string Name,
    string Protocol,
    string Runtime,
    string CpuArch,
    bool IsBuiltIn,
    long CreatedMs,
    long ModifiedMs);

/// <summary>The part of a version that Create sets and Update replaces whole; empty strings mean "not set".</summary>
public sealed record DriverVersionContent(
    string EdgeVersion,
    string Description,
    string SourceConfig,
    string DriverConfig,
    string ContainerConfig,
    string ConfigCheckRule,
    string Argument);

public sealed record DriverVersion(
    string DriverId,
    string Version,
    bool Published,
    DriverVersionContent Content,
    long CreatedMs,
    long ModifiedMs);

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
