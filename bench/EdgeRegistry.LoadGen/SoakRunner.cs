using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// The soak (bench/soak.sh): one server, one data dir, a fixed mixed load for many minutes, and a row a minute of
/// latency percentiles, throughput, errors and the server's RSS, so drift over time shows (a leak, a table or a
/// nonce record that slows every request as it grows). Each minute gets a fresh pool of single-use signed requests
/// (unique nonces), built between minutes so that signing never competes with the measured load.
/// </summary>
public sealed class SoakRunner(LoadGenOptions options)
{
    /// <summary>The mix, per 20 requests: reads dominate, as for a registry; writes keep the store growing.</summary>
    private const int MixLength = 20;

    /// <summary>Enough for 15,000 req/s through the calibration's warm-up and measurement; a faster server runs it dry and is taken to do twice that.</summary>
    private const int CalibrationRequests = 150_000;

    /// <summary>A minute's pool holds this many minutes at the fastest rate seen: a warm server on a shared machine varies by half.</summary>
    private const double Headroom = 2.0;

    private static readonly TimeSpan CalibrationWarmup = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CalibrationTime = TimeSpan.FromSeconds(5);

    private readonly BenchCredentials _credentials = BenchCredentials.New();
    private readonly DataSets _data = new();

    public async Task<int> RunAsync(int minutes, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("edgereg-soak-");
        var dataDir = Path.Combine(work.FullName, "data");
        var log = Path.Combine(work.FullName, "server.log");
        await using var server = ServerProcess.Start(options.ServerDll, dataDir, _credentials, log);
        await server.WaitUntilAsync(async s => (await OneShot.SendAsync(s.Endpoint, Encoding.ASCII.GetBytes($"GET /health/ready HTTP/1.1\r\nHost: {s.Host}\r\n\r\n"))).Status == 200, TimeSpan.FromSeconds(60));
        var inputs = new ScenarioInputs(new RequestFactory(server.Host, _credentials), _data, RandomNumberGenerator.GetHexString(6, lowercase: true));
        await new ApiSeeder(server, inputs.Requests, dataDir).SeedSmallAsync(_data);

        // The first minute's pool used to be sized from a guess (3,000 req/s, ×1.5): a machine that serves more ran it
        // dry before the minute ended, and the soak exited 1 with no error from the server. A short run first measures
        // the rate of a warmed-up server, and each pool holds twice the fastest rate seen. On a shared machine the rate
        // still swings (838 req/s in one calibration, 6,140 in another soak's minute 1), so a pool can still run dry:
        // that minute is marked and the next pool doubled, but only the server's errors fail the soak.
        var calibrationPool = RequestPool.Build(CalibrationRequests, i => Make(inputs, i), reusable: false);
        var calibration = new LoadRun(server.Endpoint, calibrationPool, Expectation.RpcSuccess, options.Connections)
            .Execute(CalibrationWarmup, CalibrationTime, () => { }, () => { });
        var offset = CalibrationRequests;
        var created = (long)(calibration.Requests * (CalibrationWarmup + CalibrationTime) / CalibrationTime) / MixLength;
        var rate = Math.Max(1_000, calibration.PoolExhausted ? 2.0 * CalibrationRequests / (CalibrationWarmup + CalibrationTime).TotalSeconds : calibration.RequestsPerSecond);
        var errors = calibration.Errors;
        var dryMinutes = new List<int>();
        var idleMinutes = new List<int>();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calibration: {calibration.RequestsPerSecond:N0} req/s over {CalibrationTime.TotalSeconds:0} s, {calibration.Errors} errors"));
        foreach (var sample in calibration.ErrorSamples)
        {
            Console.WriteLine($"    error: {sample}");
        }

        var rows = new List<string>
        {
            $"soak: {minutes} min of mixed load (per 20 requests: 12 QueryEdgeDriverVersion V1, 3 V3, 2 GetEdgeDriverVersion, 2 QueryEdgeDriver, 1 CreateEdgeDriverVersion), {options.Connections} connections, server pid {server.Pid}",
            "",
            "| minute | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | RSS MiB (end) | RSS MiB (peak) | versions created |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        for (var minute = 1; minute <= minutes && !cancellationToken.IsCancellationRequested; minute++)
        {
            var size = (int)Math.Min(3_000_000, rate * 60 * Headroom + options.Connections * 100);
            var start = offset;
            var pool = RequestPool.Build(size, i => Make(inputs, start + i), reusable: false);
            offset += size;
            LoadResult load;
            long peak;
            var sampler = new RssSampler(server.Pid);
            try
            {
                load = new LoadRun(server.Endpoint, pool, Expectation.RpcSuccess, options.Connections)
                    .Execute(TimeSpan.Zero, TimeSpan.FromMinutes(1), () => { }, () => { });
            }
            finally
            {
                peak = sampler.PeakBytes;
                await sampler.DisposeAsync();
            }

            // A pool that ran dry under-measured the rate: double it rather than trust the number.
            rate = load.PoolExhausted ? rate * 2 : Math.Max(rate, load.RequestsPerSecond);
            created += load.Requests / MixLength;
            errors += load.Errors;
            if (load.PoolExhausted)
            {
                dryMinutes.Add(minute);
            }

            if (load.Requests == 0)
            {
                idleMinutes.Add(minute);
            }

            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {minute} | {load.RequestsPerSecond:N0} | {load.Percentile(50):0.00} | {load.Percentile(90):0.00} | {load.Percentile(99):0.00} | {load.MaxMs:0.0} | {load.Errors}{(load.PoolExhausted ? " (pool ran out)" : "")} | {ProcStats.RssBytes(server.Pid) / 1048576.0:0} | {peak / 1048576.0:0} | ~{created:N0} |");
            rows.Add(row);
            Console.WriteLine(row);
            foreach (var sample in load.ErrorSamples.Take(3))
            {
                Console.WriteLine($"    error: {sample}");
            }

            pool = null;
            GC.Collect();
        }

        if (options.Output is { } output)
        {
            await File.WriteAllLinesAsync(output, rows, cancellationToken);
            Console.WriteLine($"written to {output}");
        }

        Console.WriteLine($"server log: {log}");
        if (dryMinutes.Count > 0)
        {
            // The load generator's shortfall, not the server's: those rows under-state requests/s.
            Console.WriteLine($"note: the pre-signed requests ran out before the end of minute {string.Join(", ", dryMinutes)}; the rate there is a lower bound");
        }

        if (errors > 0 || idleMinutes.Count > 0)
        {
            await Console.Error.WriteLineAsync($"soak FAILED: {errors} errors{(idleMinutes.Count > 0 ? $"; no request succeeded in minute {string.Join(", ", idleMinutes)}" : "")}");
            return 1;
        }

        return 0;
    }

    private static byte[] Make(ScenarioInputs s, int i)
    {
        var query = new KeyValuePair<string, string>[] { new("DriverId", s.Data.SmallDriverId), new("CurrentPage", "1"), new("PageSize", "10") };
        return (i % MixLength) switch
        {
            < 12 => s.Requests.V1Get("QueryEdgeDriverVersion", query),
            < 15 => s.Requests.V3Post("QueryEdgeDriverVersion", query),
            < 17 => s.Requests.V1Get("GetEdgeDriverVersion", [new("DriverId", s.Data.SmallDriverId), new("DriverVersion", DataSets.SmallVersion(i % DataSets.SmallVersionCount))]),
            < 19 => s.Requests.V1Get("QueryEdgeDriver", [new("CurrentPage", "1"), new("PageSize", "10"), new("Type", "1")]),
            _ => s.Requests.V1Get("CreateEdgeDriverVersion",
                SampleContent.VersionParameters(s.Data.MixedWriteDriverId, $"soak{s.RunId}.{i}", s.Data.PackageAddresses[s.Data.MixedWriteDriverId])),
        };
    }
}
