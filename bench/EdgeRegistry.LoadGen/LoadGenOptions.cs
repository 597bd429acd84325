namespace EdgeRegistry.LoadGen;

/// <summary>What one run of the load generator does; <see cref="Quick"/> shrinks the data sets, not the method.</summary>
public sealed record LoadGenOptions
{
    /// <summary>
    /// 16 connections: on a 2-core machine a closed loop needs only a few requests in flight to keep both cores
    /// busy (server and generator share them); 16 is comfortably past that knee, so req/s measures the server's
    /// capacity, while queueing stays small enough that latency still says something about one request.
    /// </summary>
    public const int DefaultConnections = 16;

    public required string ServerDll { get; init; }

    public bool Quick { get; init; }

    public int Connections { get; init; } = DefaultConnections;

    public required TimeSpan Warmup { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Run only this scenario (and the baseline it is compared to).</summary>
    public string? Scenario { get; init; }

    /// <summary>Instead of the scenarios: time <c>edgereg backup</c> and <c>restore</c> of a data dir of <see cref="DeepVersions"/> versions.</summary>
    public bool BackupTiming { get; init; }

    /// <summary>Both modes side by side: the embedded server, then two replicas on a throwaway PostgreSQL and Redis.</summary>
    public bool ScaleOut { get; init; }

    /// <summary>Where to write the markdown results, if anywhere.</summary>
    public string? Output { get; init; }

    /// <summary>The command line as typed, for the report.</summary>
    public required string CommandLine { get; init; }

    /// <summary>Versions in the one deep driver of scenario 2.</summary>
    public int DeepVersions => Quick ? 10_000 : 100_000;

    /// <summary>Drivers of scenario 3; each gets <see cref="WideVersionsPerDriver"/> versions.</summary>
    public int WideDrivers => Quick ? 1_000 : 10_000;

    public int WideVersionsPerDriver => 100;
}
