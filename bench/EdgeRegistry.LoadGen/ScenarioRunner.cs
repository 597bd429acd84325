using System.Diagnostics;

namespace EdgeRegistry.LoadGen;

/// <summary>One server the scenarios load, and the inputs whose requests are signed for it.</summary>
public sealed record Replica(ServerProcess Server, ScenarioInputs Inputs);

/// <summary>
/// Runs one scenario against the running server(s): build its requests, load, read the servers' /proc numbers.
/// With several replicas the connections are split evenly (connection c to replica c mod n), each replica gets its
/// own pool signed for its Host, CPU is summed over the replicas and the peak RSS is kept per replica.
/// </summary>
/// <param name="engines">The engines (scale-out), whose CPU time and Redis command count are read at the window's edges like the servers'.</param>
public sealed class ScenarioRunner(IReadOnlyList<Replica> replicas, LoadGenOptions options, ScaleOutEngines? engines = null)
{
    /// <summary>Head-room over the baseline's rate when sizing a pool of single-use requests.</summary>
    private const double PoolMargin = 1.3;

    /// <summary>Bounds the generator's memory: about 1 KiB per request.</summary>
    private const int MaxPool = 3_000_000;

    public ScenarioRunner(ServerProcess server, ScenarioInputs inputs, LoadGenOptions options)
        : this([new Replica(server, inputs)], options)
    {
    }

    /// <summary>
    /// Runs every selected scenario's requests, round robin, unmeasured, so that the server's JIT has compiled the
    /// whole RPC path before the baseline (which it would otherwise flatter) and the first scenario (which it would hurt).
    /// </summary>
    public void WarmUp(IReadOnlyList<Scenario> scenarios)
    {
        var rpc = scenarios.Where(s => s.Expect == Expectation.RpcSuccess).ToArray();
        var seconds = Math.Max(3, options.Warmup.TotalSeconds * 2);
        if (rpc.Length == 0)
        {
            rpc = [ScenarioCatalog.All[0]];
        }

        // Its own RunId, so that the versions it creates never collide with a measured scenario's.
        var targets = replicas.Select(r =>
        {
            var warmInputs = r.Inputs with { RunId = r.Inputs.RunId + "x" };
            return new LoadTarget(r.Server.Endpoint, RequestPool.Build((int)(seconds * 5_000), i => rpc[i % rpc.Length].Make(warmInputs, i), reusable: false));
        }).ToArray();
        var load = new LoadRun(targets, Expectation.RpcSuccess, options.Connections)
            .Execute(TimeSpan.Zero, TimeSpan.FromSeconds(seconds), () => { }, () => { });
        new LoadRun([.. replicas.Select(r => new LoadTarget(r.Server.Endpoint, RequestPool.Build(1, _ => r.Inputs.Requests.Health(), reusable: true)))],
                Expectation.Healthy, options.Connections)
            .Execute(TimeSpan.Zero, TimeSpan.FromSeconds(seconds), () => { }, () => { });
        Console.WriteLine($"server warm-up: {seconds:0} s of /health/live after {seconds:0} s of {string.Join(", ", rpc.Select(s => s.Name))} ({load.Requests:N0} requests, {load.Errors} errors)");
        foreach (var sample in load.ErrorSamples)
        {
            Console.WriteLine($"    warm-up error: {sample}");
        }
    }

    /// <param name="baselineRps">The baseline's rate, which sizes single-use pools; null for reusable ones.</param>
    public ScenarioResult Run(Scenario scenario, double? baselineRps)
    {
        // No RPC can outrun the health check by much, so the baseline's rate bounds every pool safely (a mix of
        // scenarios measured in the warm-up would not: its slowest request sets its pace in a closed loop).
        var rate = (baselineRps ?? 10_000) * PoolMargin;
        var share = (double)ConnectionsPerReplica() / options.Connections;
        var size = scenario.Reusable
            ? Scenario.ReusablePoolSize
            : (int)Math.Min(MaxPool, rate * share * (options.Warmup + options.Duration).TotalSeconds + ConnectionsPerReplica() * 100);
        var signing = Stopwatch.StartNew();
        var targets = replicas.Select(r => new LoadTarget(r.Server.Endpoint, RequestPool.Build(size, i => scenario.Make(r.Inputs, i), scenario.Reusable))).ToArray();
        signing.Stop();
        Console.Write($"{scenario.Name,-18} {size * replicas.Count,9:N0} requests pre-built in {signing.Elapsed.TotalSeconds,5:0.0} s … ");

        var pids = replicas.Select(r => r.Server.Pid).ToArray();
        TimeSpan cpuStart = default, cpuEnd = default, engineStart = default, engineEnd = default;
        long redisStart = 0, redisEnd = 0;
        LoadResult load;
        long[] peaks;
        var samplers = pids.Select(pid => new RssSampler(pid)).ToArray();
        try
        {
            load = new LoadRun(targets, scenario.Expect, options.Connections)
                .Execute(options.Warmup, options.Duration,
                    () => (cpuStart, engineStart, redisStart) = (CpuTime(pids), engines?.CpuTime() ?? default, engines?.RedisCommands() ?? 0),
                    () => (cpuEnd, engineEnd, redisEnd) = (CpuTime(pids), engines?.CpuTime() ?? default, engines?.RedisCommands() ?? 0));
        }
        finally
        {
            peaks = [.. samplers.Select(s => s.PeakBytes)];
            foreach (var sampler in samplers)
            {
                sampler.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        var result = new ScenarioResult(scenario, load, peaks.Max(), cpuEnd - cpuStart, size * replicas.Count) {
            PeakRssPerReplica = peaks,
            EngineCpu = engines is null ? null : engineEnd - engineStart,
            // Less the INFO that read the first count.
            RedisCommands = engines is null ? null : redisEnd - redisStart - 1,
        };
        Console.WriteLine($"{load.RequestsPerSecond,9:N0} req/s  p99 {load.Percentile(99),7:0.00} ms  errors {load.Errors}{(result.Failed ? "  FAILED" : "")}");
        foreach (var sample in load.ErrorSamples)
        {
            Console.WriteLine($"    error: {sample}");
        }

        if (load.PoolExhausted)
        {
            Console.WriteLine($"    ran out of its {size:N0} pre-signed requests (per replica) before the end");
        }

        // The pool can be hundreds of MB; free it before the next scenario builds its own.
        GC.Collect();
        return result;
    }

    /// <summary>The most connections any one replica gets (connection c goes to replica c mod n).</summary>
    private int ConnectionsPerReplica() => (options.Connections + replicas.Count - 1) / replicas.Count;

    private static TimeSpan CpuTime(int[] pids) => pids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcStats.CpuTime(pid));
}
