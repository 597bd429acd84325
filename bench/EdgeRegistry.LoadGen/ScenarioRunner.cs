using System.Diagnostics;

namespace EdgeRegistry.LoadGen;

/// <summary>Runs one scenario against the running server: build its requests, load, read the server's /proc numbers.</summary>
public sealed class ScenarioRunner(ServerProcess server, ScenarioInputs inputs, LoadGenOptions options)
{
    /// <summary>Head-room over the baseline's rate when sizing a pool of single-use requests.</summary>
    private const double PoolMargin = 1.3;

    /// <summary>Bounds the generator's memory: about 1 KiB per request.</summary>
    private const int MaxPool = 3_000_000;

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
        var warmInputs = inputs with { RunId = inputs.RunId + "x" };
        var pool = RequestPool.Build((int)(seconds * 5_000), i => rpc[i % rpc.Length].Make(warmInputs, i), reusable: false);
        var load = new LoadRun(server.Endpoint, pool, Expectation.RpcSuccess, options.Connections)
            .Execute(TimeSpan.Zero, TimeSpan.FromSeconds(seconds), () => { }, () => { });
        new LoadRun(server.Endpoint, RequestPool.Build(1, _ => inputs.Requests.Health(), reusable: true), Expectation.Healthy, options.Connections)
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
        var size = scenario.Reusable
            ? Scenario.ReusablePoolSize
            : (int)Math.Min(MaxPool, rate * (options.Warmup + options.Duration).TotalSeconds + options.Connections * 100);
        var signing = Stopwatch.StartNew();
        var pool = RequestPool.Build(size, i => scenario.Make(inputs, i), scenario.Reusable);
        signing.Stop();
        Console.Write($"{scenario.Name,-18} {size,9:N0} requests pre-built in {signing.Elapsed.TotalSeconds,5:0.0} s … ");

        TimeSpan cpuStart = default, cpuEnd = default;
        LoadResult load;
        long peak;
        var sampler = new RssSampler(server.Pid);
        try
        {
            load = new LoadRun(server.Endpoint, pool, scenario.Expect, options.Connections)
                .Execute(options.Warmup, options.Duration, () => cpuStart = ProcStats.CpuTime(server.Pid), () => cpuEnd = ProcStats.CpuTime(server.Pid));
        }
        finally
        {
            peak = sampler.PeakBytes;
            sampler.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var result = new ScenarioResult(scenario, load, peak, cpuEnd - cpuStart, size);
        Console.WriteLine($"{load.RequestsPerSecond,9:N0} req/s  p99 {load.Percentile(99),7:0.00} ms  errors {load.Errors}{(result.Failed ? "  FAILED" : "")}");
        foreach (var sample in load.ErrorSamples)
        {
            Console.WriteLine($"    error: {sample}");
        }

        if (load.PoolExhausted)
        {
            Console.WriteLine($"    ran out of its {size:N0} pre-signed requests before the end");
        }

        // The pool can be hundreds of MB; free it before the next scenario builds its own.
        GC.Collect();
        return result;
    }
}
