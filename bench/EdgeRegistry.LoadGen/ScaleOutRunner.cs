using System.Security.Cryptography;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// <c>--scale-out</c>: the same scenarios in both modes, in one run, against one reference. First the embedded
/// mode (one server, SQLite): its /health/live baseline, which every ratio of the report is taken to, then the
/// scenarios. Then a throwaway PostgreSQL and Redis and two replicas on them: the /health/live baseline against
/// one replica, then both, then the scenarios with the connections split between the replicas.
/// Only scenarios whose data is created through the API run here (the store seeder writes SQLite directly).
/// </summary>
public sealed class ScaleOutRunner(LoadGenOptions options)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly BenchCredentials _credentials = BenchCredentials.New();
    private readonly List<string> _notes = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var scenarios = ScenarioCatalog.Select(options.Scenario).Where(s => (s.Needs & (DataNeeds.Deep | DataNeeds.Wide)) == 0).ToArray();
        if (scenarios.Length == 0)
        {
            await Console.Error.WriteLineAsync("edgereg-loadgen: --scale-out runs only scenarios seeded through the API (s1, s4, s5, s6, s7).");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("edgereg-bench-scale-");
        Say($"server {options.ServerDll}; data dirs and logs in {work.FullName}");
        var failed = true;
        try
        {
            var embedded = await RunEmbeddedAsync(work.FullName, scenarios, cancellationToken);
            var scaleOut = await RunScaleOutAsync(work.FullName, scenarios, embedded.Reference.Load.RequestsPerSecond, cancellationToken);
            var report = new ScaleOutReport(options, DateTimeOffset.UtcNow, _notes, embedded, scaleOut);
            var markdown = ScaleOutReportWriter.Markdown(report);
            Console.WriteLine();
            Console.WriteLine(markdown);
            if (options.Output is { } output)
            {
                await File.WriteAllTextAsync(output, markdown, cancellationToken);
                Console.WriteLine($"written to {output}");
            }

            failed = embedded.All.Concat(scaleOut.All).Any(r => r.Failed);
            return failed ? 1 : 0;
        }
        finally
        {
            if (failed)
            {
                Console.WriteLine($"server logs kept in {work.FullName}");
            }
            else
            {
                work.Delete(recursive: true);
            }
        }
    }

    private async Task<ModeResults> RunEmbeddedAsync(string work, IReadOnlyList<Scenario> scenarios, CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(work, "embedded");
        await using var server = await StartAsync(dataDir, Path.Combine(work, "embedded.log"), null, "embedded server (SQLite)");
        var inputs = new ScenarioInputs(new RequestFactory(server.Host, _credentials), new DataSets(), RandomNumberGenerator.GetHexString(6, lowercase: true));
        await new ApiSeeder(server, inputs.Requests, dataDir).SeedSmallAsync(inputs.Data);
        Say("embedded: seeded 3 drivers, 10 versions and another account's driver through the API");
        var runner = new ScenarioRunner(server, inputs, options);
        runner.WarmUp(scenarios);
        var baseline = runner.Run(ScenarioCatalog.Baseline, null);
        var results = Run(runner, scenarios, baseline.Load.RequestsPerSecond, cancellationToken);
        var again = runner.Run(ScenarioCatalog.Baseline, null);
        var faster = again.Load.RequestsPerSecond > baseline.Load.RequestsPerSecond ? again : baseline;
        return new ModeResults([Named(baseline, "baseline, embedded (start)"), Named(again, "baseline, embedded (end)")], results, faster);
    }

    private async Task<ModeResults> RunScaleOutAsync(string work, IReadOnlyList<Scenario> scenarios, double referenceRps, CancellationToken cancellationToken)
    {
        await using var engines = await ScaleOutEngines.StartAsync();
        Say("engines: PostgreSQL and Redis from tests/engines/start.sh (stopped with tests/engines/stop.sh at the end)");
        // One after the other: the first creates the schema, the account, the root key and the admin token.
        var dirA = Path.Combine(work, "replica-a");
        await using var a = await StartAsync(dirA, Path.Combine(work, "replica-a.log"), engines, "replica A (PostgreSQL + Redis)");
        await using var b = await StartAsync(Path.Combine(work, "replica-b"), Path.Combine(work, "replica-b.log"), engines, "replica B (PostgreSQL + Redis)");
        var data = new DataSets();
        var runId = RandomNumberGenerator.GetHexString(6, lowercase: true);
        // Each replica's requests are signed for its own Host (V3 signs it); distinct RunIds keep created versions unique.
        Replica[] replicas =
        [
            new(a, new ScenarioInputs(new RequestFactory(a.Host, _credentials), data, runId + "a")),
            new(b, new ScenarioInputs(new RequestFactory(b.Host, _credentials), data, runId + "b")),
        ];
        await new ApiSeeder(a, replicas[0].Inputs.Requests, dirA).SeedSmallAsync(data);
        Say("scale-out: seeded 3 drivers, 10 versions and another account's driver through replica A's API");
        var both = new ScenarioRunner(replicas, options, engines);
        both.WarmUp(scenarios);
        var one = new ScenarioRunner([replicas[0]], options, engines).Run(ScenarioCatalog.Baseline, null);
        var baseline = both.Run(ScenarioCatalog.Baseline, null);
        var results = Run(both, scenarios, Math.Max(referenceRps, baseline.Load.RequestsPerSecond), cancellationToken);
        var again = both.Run(ScenarioCatalog.Baseline, null);
        return new ModeResults(
            [Named(one, "baseline, one replica"), Named(baseline, "baseline, two replicas (start)"), Named(again, "baseline, two replicas (end)")],
            results,
            again.Load.RequestsPerSecond > baseline.Load.RequestsPerSecond ? again : baseline);
    }

    private static List<ScenarioResult> Run(ScenarioRunner runner, IReadOnlyList<Scenario> scenarios, double baselineRps, CancellationToken cancellationToken)
    {
        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(runner.Run(scenario, baselineRps));
        }

        return results;
    }

    private async Task<ServerProcess> StartAsync(string dataDir, string log, ScaleOutEngines? engines, string what)
    {
        var server = ServerProcess.Start(options.ServerDll, dataDir, _credentials, log, scaleOut: engines);
        try
        {
            var ready = await server.WaitUntilAsync(async s => (await OneShot.SendAsync(s.Endpoint,
                System.Text.Encoding.ASCII.GetBytes($"GET /health/ready HTTP/1.1\r\nHost: {s.Host}\r\n\r\n"))).Status == 200, StartTimeout);
            Say($"{what}: ready in {ready.TotalSeconds:0.00} s (pid {server.Pid}, {server.Host})");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static ScenarioResult Named(ScenarioResult result, string name) => result with { Scenario = result.Scenario with { Name = name } };

    private void Say(string line)
    {
        _notes.Add(line);
        Console.WriteLine(line);
    }
}

/// <summary>One mode's runs: its baselines (named for the report), its scenarios, and its faster baseline.</summary>
public sealed record ModeResults(IReadOnlyList<ScenarioResult> Baselines, IReadOnlyList<ScenarioResult> Scenarios, ScenarioResult Reference)
{
    public IEnumerable<ScenarioResult> All => Baselines.Concat(Scenarios);
}

/// <summary>Both modes of one <c>--scale-out</c> run; every ratio is to the embedded mode's faster baseline.</summary>
public sealed record ScaleOutReport(LoadGenOptions Options, DateTimeOffset Date, IReadOnlyList<string> Notes, ModeResults Embedded, ModeResults ScaleOut)
{
    public double ReferenceRps => Embedded.Reference.Load.RequestsPerSecond;
}
