using System.Diagnostics;

namespace EdgeRegistry.Tests.Faults;

/// <summary>
/// A PostgreSQL and a Redis of one test class's own, started by <c>tests/engines/start.sh</c> into a folder of its
/// own (free ports, throwaway data), which the tests stop and start again on the same port and data
/// (<c>tests/engines/restart.sh</c>) to play outages. Never the shared engines of <c>EDGEREG_TEST_POSTGRES</c>:
/// stopping those would fail every other test running at the time.
/// </summary>
public sealed class PrivateEngines : IAsyncDisposable
{
    private PrivateEngines(string dir, string postgres, string redis)
    {
        Dir = dir;
        Postgres = postgres;
        Redis = redis;
    }

    public string Dir { get; }

    /// <summary>The Npgsql connection string of the private PostgreSQL (its <c>postgres</c> database).</summary>
    public string Postgres { get; }

    /// <summary>The StackExchange.Redis configuration of the private Redis.</summary>
    public string Redis { get; }

    public static async Task<PrivateEngines> StartAsync()
    {
        // Not a 0700 temp folder: PostgreSQL runs as the postgres user when the tests run as root.
        var dir = Path.Combine("/tmp", "edgereg-faults-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var output = await RunAsync("start.sh", dir);
        string Value(string name) => output.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith($"export {name}='", StringComparison.Ordinal)) is { } line
            ? line[$"export {name}='".Length..^1]
            : throw new InvalidOperationException($"start.sh printed no {name}:\n{output}");
        return new PrivateEngines(dir, Value("EDGEREG_TEST_POSTGRES"), Value("EDGEREG_TEST_REDIS"));
    }

    /// <summary><c>pg_ctl stop -m fast</c> (sessions ended, clean shutdown) or <c>immediate</c> (as a crash: recovery at the next start).</summary>
    public Task StopPostgresAsync(string mode) => RunAsync("restart.sh", Dir, "postgres", "stop", mode);

    /// <summary>Starts it again on its port and data dir; returns once it accepts connections.</summary>
    public Task StartPostgresAsync() => RunAsync("restart.sh", Dir, "postgres", "start");

    /// <summary><c>nosave</c>: SHUTDOWN NOSAVE; <c>kill</c>: SIGKILL. Either way everything it held is gone.</summary>
    public Task StopRedisAsync(string mode) => RunAsync("restart.sh", Dir, "redis", "stop", mode);

    public Task StartRedisAsync() => RunAsync("restart.sh", Dir, "redis", "start");

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop.sh", Dir);
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning; a test result must not depend on it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The repository's <c>tests/engines</c> folder, found above the test binaries.</summary>
    private static string EnginesDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "engines");
            if (File.Exists(Path.Combine(candidate, "start.sh")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tests/engines/start.sh above {AppContext.BaseDirectory}.");
    }

    private static async Task<string> RunAsync(string script, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(EnginesDir(), script));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }

        return await stdout;
    }
}
