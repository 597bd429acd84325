using System.CommandLine;

namespace EdgeRegistry.LoadGen;

/// <summary><c>edgereg-loadgen</c>: starts a server, seeds it, runs the baseline and the scenarios, reports.</summary>
public static class LoadGenCommand
{
    public static RootCommand Create()
    {
        var server = new Option<string>("--server") { Description = "The published server dll (default artifacts/edgereg/edgereg.dll in the repo)." };
        var quick = new Option<bool>("--quick") { Description = "Small data sets and short runs: the whole thing in about 75 seconds." };
        var connections = new Option<int>("--connections")
        {
            Description = "Keep-alive connections, one request in flight on each.",
            DefaultValueFactory = _ => LoadGenOptions.DefaultConnections,
        };
        var duration = new Option<double?>("--duration") { Description = "Measured seconds per scenario (default 15; 2 with --quick)." };
        var warmup = new Option<double?>("--warmup") { Description = "Warm-up seconds before each measurement (default 5; 0.5 with --quick)." };
        var scenario = new Option<string?>("--scenario") { Description = "Run only this scenario (the baseline always runs). Names: " + string.Join(", ", ScenarioCatalog.Names) };
        var output = new Option<string?>("--output") { Description = "Also write the results as markdown to this file." };
        var backupTiming = new Option<bool>("--backup-timing") { Description = "Instead of the scenarios: time edgereg backup and restore of 100,000 versions (10,000 with --quick) while the server runs." };
        var scaleOut = new Option<bool>("--scale-out")
        {
            Description = "Both modes side by side: the embedded server, then two replicas on a throwaway PostgreSQL and Redis (tests/engines/start.sh), " +
                "connections split between them; the scenarios seeded through the API only.",
        };
        var soak = new Option<int?>("--soak-minutes") { Description = "Soak instead: one server, mixed load for N minutes, a row a minute (bench/soak.sh)." };
        var command = new RootCommand("Load generator for EdgeRegistry: every scenario is reported as a ratio to /health/live.")
        {
            server, quick, connections, duration, warmup, scenario, output, soak, backupTiming, scaleOut,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isQuick = parse.GetValue(quick);
            var options = new LoadGenOptions
            {
                ServerDll = Path.GetFullPath(parse.GetValue(server) ?? RepoPaths.DefaultServerDll()),
                Quick = isQuick,
                Connections = parse.GetValue(connections),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration) ?? (isQuick ? 2 : 15)),
                Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup) ?? (isQuick ? 0.5 : 5)),
                Scenario = parse.GetValue(scenario),
                Output = parse.GetValue(output),
                BackupTiming = parse.GetValue(backupTiming),
                ScaleOut = parse.GetValue(scaleOut),
                CommandLine = Environment.GetEnvironmentVariable("LOADGEN_COMMAND_LINE") is { Length: > 0 } typed
                    ? typed
                    : "edgereg-loadgen " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            };
            if (options.Connections is < 1 or > 1024 || options.Duration <= TimeSpan.Zero || options.Warmup < TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync("edgereg-loadgen: --connections must be 1–1024, --duration > 0, --warmup ≥ 0.");
                return 2;
            }

            if (options.Scenario is { } name && !ScenarioCatalog.Names.Contains(name, StringComparer.Ordinal))
            {
                await Console.Error.WriteLineAsync($"edgereg-loadgen: unknown scenario \"{name}\"; one of {string.Join(", ", ScenarioCatalog.Names)}.");
                return 2;
            }

            if (!File.Exists(options.ServerDll))
            {
                await Console.Error.WriteLineAsync($"edgereg-loadgen: no server at {options.ServerDll}; build it with ./edgereg --version.");
                return 2;
            }

            return parse.GetValue(soak) is { } minutes
                ? await new SoakRunner(options).RunAsync(minutes, cancellationToken)
                : options.ScaleOut
                ? await new ScaleOutRunner(options).RunAsync(cancellationToken)
                : options.BackupTiming
                ? await new BackupTiming(options).RunAsync(cancellationToken)
                : await new BenchRunner(options).RunAsync(cancellationToken);
        });
        return command;
    }
}
