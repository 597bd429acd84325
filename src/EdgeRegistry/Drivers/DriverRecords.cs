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

/// <param name="SourceObjectKey">The uploaded code package that SourceConfig names, if any.</param>
public sealed record DriverVersion(
    string DriverId,
    string Version,
    bool Published,
    DriverVersionContent Content,
    long CreatedMs,
    long ModifiedMs,
    string? SourceObjectKey = null);

/// <summary>The uploaded objects a version names: its code package, and the files of FILE driver configs.</summary>
public sealed record ObjectReferences(string? SourceObjectKey, IReadOnlyList<string> Keys)
{
    public static ObjectReferences None { get; } = new(null, []);
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
