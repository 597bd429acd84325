namespace EdgeRegistry.Crash;

/// <summary>A version as the server acknowledged it: its content and the SHA-256 of its package.</summary>
public sealed record VersionState(string Description, string Argument, bool Published, string PackageSha256);

/// <summary>One driver as acknowledged, with its versions.</summary>
public sealed class DriverState(string driverId, string name)
{
    public string DriverId => driverId;

    public string Name => name;

    public Dictionary<string, VersionState> Versions { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A write that was in flight when the server was killed: the driver (and version) it touched may hold the state
/// from before or from after it, and nothing else. Verification adopts whichever it finds.
/// </summary>
public sealed record InFlight(string Operation, string DriverName, string? DriverId, string? Version, VersionState? After, bool DriverGoneAfter);
