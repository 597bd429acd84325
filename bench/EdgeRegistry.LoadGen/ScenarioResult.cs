namespace EdgeRegistry.LoadGen;

/// <summary>One scenario's numbers: the generator's view of the load and the server's /proc view of its cost.</summary>
public sealed record ScenarioResult(Scenario Scenario, LoadResult Load, long PeakRssBytes, TimeSpan ServerCpu, int PoolSize)
{
    public string Name => Scenario.Name;

    public bool Failed => Load.Errors > 0 || Load.PoolExhausted || Load.Requests == 0;

    public double PeakRssMiB => PeakRssBytes / (1024.0 * 1024.0);

    /// <summary>Each replica's peak VmRSS, in the order they were loaded (one entry for a single server).</summary>
    public IReadOnlyList<long> PeakRssPerReplica { get; init; } = [PeakRssBytes];

    /// <summary>PostgreSQL's and Redis's CPU time over the measured window (scale-out runs only).</summary>
    public TimeSpan? EngineCpu { get; init; }

    /// <summary>Commands Redis processed over the measured window (scale-out runs only).</summary>
    public long? RedisCommands { get; init; }

    /// <summary>Per answered request; requests in flight at the window's edges make this approximate (±16 in thousands).</summary>
    public double? RedisCommandsPerRequest => RedisCommands is { } n && Load.Requests > 0 ? (double)n / Load.Requests : null;

    public double? EngineCpuMsPerRequest => EngineCpu is { } cpu && Load.Requests > 0 ? cpu.TotalMilliseconds / Load.Requests : null;

    /// <summary>Server CPU milliseconds per request over the measured window.</summary>
    public double CpuMsPerRequest => Load.Requests == 0 ? 0 : ServerCpu.TotalMilliseconds / Load.Requests;
}

/// <summary>Start-up of <c>edgereg serve</c> on an existing data dir, from launch to an answer.</summary>
public sealed record StartupResult(TimeSpan FirstHealth, TimeSpan FirstRpc);

/// <summary>Everything one run produced, for the report.</summary>
public sealed record BenchReport(
    LoadGenOptions Options,
    DateTimeOffset Date,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ScenarioResult> Results,
    ScenarioResult Baseline,
    ScenarioResult? BaselineAgain,
    IReadOnlyList<StartupResult> Startups)
{
    /// <summary>
    /// What ratios are taken against: the faster of the two baseline runs, so that a slow moment of this shared
    /// machine during one of them never flatters the scenarios.
    /// </summary>
    public ScenarioResult Reference => BaselineAgain is { } again && again.Load.RequestsPerSecond > Baseline.Load.RequestsPerSecond ? again : Baseline;
}
