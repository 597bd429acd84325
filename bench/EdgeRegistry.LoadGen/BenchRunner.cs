using System.Diagnostics;
using System.Security.Cryptography;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// The whole run, in order: first start (creates the account) → store seeding with the server stopped → restart →
/// API seeding → baseline → scenarios → baseline again (drift check) → start-up timings → report.
/// </summary>
public sealed class BenchRunner(LoadGenOptions options)
{
    private const int StartupSamples = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly BenchCredentials _credentials = BenchCredentials.New();
    private readonly DataSets _data = new();
    private readonly List<string> _notes = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var scenarios = ScenarioCatalog.Select(options.Scenario);
        var needs = scenarios.Aggregate(DataNeeds.None, (n, s) => n | s.Needs);
        var work = Directory.CreateTempSubdirectory("edgereg-bench-");
        var dataDir = Path.Combine(work.FullName, "data");
        var log = Path.Combine(work.FullName, "server.log");
        Say($"server {options.ServerDll}; data and log in {work.FullName}");
        var failed = true;
        try
        {
            var server = await StartAsync(dataDir, log, "first start (creates the account)");
            if ((needs & (DataNeeds.Deep | DataNeeds.Wide)) != 0)
            {
                await server.DisposeAsync();
                await SeedStoreAsync(Path.Combine(dataDir, "edgereg.db"), needs, cancellationToken);
                server = await StartAsync(dataDir, log, "restart on the seeded data dir");
            }

            ScenarioResult baseline, baselineAgain;
            var results = new List<ScenarioResult>();
            await using (server)
            {
                var inputs = new ScenarioInputs(new RequestFactory(server.Host, _credentials), _data, RandomNumberGenerator.GetHexString(6, lowercase: true));
                if ((needs & DataNeeds.Small) != 0)
                {
                    await new ApiSeeder(server, inputs.Requests, dataDir).SeedSmallAsync(_data);
                    Say("seeded small: 3 drivers, 10 versions and another account's driver through the API");
                }

                var runner = new ScenarioRunner(server, inputs, options);
                runner.WarmUp(scenarios);
                baseline = runner.Run(ScenarioCatalog.Baseline, null);
                foreach (var scenario in scenarios)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    results.Add(runner.Run(scenario, baseline.Load.RequestsPerSecond));
                }

                baselineAgain = runner.Run(ScenarioCatalog.Baseline, null);
            }

            var startups = await MeasureStartupsAsync(dataDir, log);
            var report = new BenchReport(options, DateTimeOffset.UtcNow, _notes, results, baseline, baselineAgain, startups);
            var markdown = ReportWriter.Markdown(report);
            Console.WriteLine();
            Console.WriteLine(markdown);
            if (options.Output is { } output)
            {
                await File.WriteAllTextAsync(output, markdown, cancellationToken);
                Console.WriteLine($"written to {output}");
            }

            failed = results.Any(r => r.Failed) || baseline.Failed;
            return failed ? 1 : 0;
        }
        finally
        {
            // The data set can be gigabytes; the server's log is kept when something failed, to read why.
            Directory.Delete(dataDir, recursive: true);
            if (failed)
            {
                Console.WriteLine($"server log kept: {log}");
            }
            else
            {
                work.Delete(recursive: true);
            }
        }
    }

    private async Task<ServerProcess> StartAsync(string dataDir, string log, string what)
    {
        var server = ServerProcess.Start(options.ServerDll, dataDir, _credentials, log);
        var ready = await server.WaitUntilAsync(async s => (await OneShot.SendAsync(s.Endpoint, Probe(s, "/health/ready"))).Status == 200, StartTimeout);
        Say($"{what}: ready in {ready.TotalSeconds:0.00} s (pid {server.Pid}, {server.Host})");
        return server;
    }

    private async Task SeedStoreAsync(string database, DataNeeds needs, CancellationToken cancellationToken)
    {
        var seeder = new StoreSeeder(database);
        if ((needs & DataNeeds.Deep) != 0)
        {
            Say($"seeding deep: 1 driver with {options.DeepVersions:N0} versions through the store…");
            Say((await seeder.SeedDeepAsync(_data, options.DeepVersions, cancellationToken)).ToString());
        }

        if ((needs & DataNeeds.Wide) != 0)
        {
            var rows = options.WideDrivers * options.WideVersionsPerDriver;
            Say($"seeding wide: {options.WideDrivers:N0} drivers × {options.WideVersionsPerDriver} versions = {rows:N0} versions through the store…");
            Say((await seeder.SeedWideAsync(_data, options.WideDrivers, options.WideVersionsPerDriver, cancellationToken)).ToString());
        }
    }

    /// <summary>Launch → first <c>/health/live</c> 200 → first signed RPC answered, on the data dir the run filled.</summary>
    private async Task<List<StartupResult>> MeasureStartupsAsync(string dataDir, string log)
    {
        var startups = new List<StartupResult>();
        for (var i = 0; i < StartupSamples; i++)
        {
            await using var server = ServerProcess.Start(options.ServerDll, dataDir, _credentials, log);
            var health = await server.WaitUntilAsync(async s => (await OneShot.SendAsync(s.Endpoint, Probe(s, "/health/live"))).Status == 200, StartTimeout);
            var requests = new RequestFactory(server.Host, _credentials);
            await OneShot.RpcAsync(server.Endpoint, requests.V1Get("QueryEdgeDriver", [new("CurrentPage", "1"), new("PageSize", "10"), new("Type", "1")]));
            var rpc = Stopwatch.GetElapsedTime(server.StartedAt);
            startups.Add(new StartupResult(health, rpc));
            Say($"startup on the existing data dir: /health/live after {health.TotalSeconds:0.000} s, first RPC after {rpc.TotalSeconds:0.000} s");
        }

        return startups;
    }

    private static byte[] Probe(ServerProcess server, string path) =>
        System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {server.Host}\r\n\r\n");

    private void Say(string line)
    {
        _notes.Add(line);
        Console.WriteLine(line);
    }
}
