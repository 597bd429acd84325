using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// A throwaway PostgreSQL 15 and Redis 7 from <c>tests/engines/start.sh DIR</c> (the ones the test suites use), and
/// the master key every replica must share. <see cref="DisposeAsync"/> runs <c>tests/engines/stop.sh DIR</c>.
/// </summary>
public sealed class ScaleOutEngines : IAsyncDisposable
{
    private readonly string _dir;
    private ConnectionMultiplexer? _redis;

    private ScaleOutEngines(string dir, string postgres, string redis)
    {
        _dir = dir;
        Postgres = postgres;
        Redis = redis;
    }

    /// <summary>The Npgsql connection string (<c>EDGEREG_TEST_POSTGRES</c>).</summary>
    public string Postgres { get; }

    /// <summary>The StackExchange.Redis configuration (<c>EDGEREG_TEST_REDIS</c>).</summary>
    public string Redis { get; }

    /// <summary>Random 32 bytes, base64: the same on every replica, or the second refuses to start.</summary>
    public string MasterKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts both in a new folder of their own under the temp dir (removed again by <see cref="DisposeAsync"/>).</summary>
    public static async Task<ScaleOutEngines> StartAsync()
    {
        // Not inside the run's 0700 work folder: as root, PostgreSQL runs as the postgres user, which must reach it.
        var dir = Directory.CreateTempSubdirectory("edgereg-bench-engines-").FullName;
        await RunScriptAsync("start.sh", dir);
        try
        {
            var settings = (await File.ReadAllLinesAsync(Path.Combine(dir, "env")))
                .Select(line => line.StartsWith("export ", StringComparison.Ordinal) ? line["export ".Length..] : line)
                .Select(line => line.Split('=', 2))
                .Where(pair => pair.Length == 2)
                .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''), StringComparer.Ordinal);
            return new ScaleOutEngines(dir, settings["EDGEREG_TEST_POSTGRES"], settings["EDGEREG_TEST_REDIS"]);
        }
        catch
        {
            await StopAsync(dir);
            throw;
        }
    }

    /// <summary>
    /// CPU time so far of Redis, the postmaster and every PostgreSQL backend (its children; the replicas' pooled
    /// connections live for the whole run, so none exits inside a measured window and takes its time with it).
    /// </summary>
    public TimeSpan CpuTime()
    {
        var redis = int.Parse(File.ReadAllText(Path.Combine(_dir, "redis.pid")).Trim(), CultureInfo.InvariantCulture);
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_dir, "pg", "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);
        var total = ProcStats.CpuTime(redis) + ProcStats.CpuTime(postmaster);
        foreach (var child in ProcStats.Children(postmaster))
        {
            total += ProcStats.CpuTime(child);
        }

        return total;
    }

    /// <summary>Redis's <c>total_commands_processed</c> so far (exact, unlike PostgreSQL's statistics, which backends flush up to seconds late).</summary>
    public long RedisCommands()
    {
        _redis ??= ConnectionMultiplexer.Connect(Redis + ",allowAdmin=true");
        var stats = _redis.GetServers()[0].Info("stats").SelectMany(group => group);
        return long.Parse(stats.First(pair => pair.Key == "total_commands_processed").Value, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await StopAsync(_dir);
    }

    private static async Task StopAsync(string dir)
    {
        await RunScriptAsync("stop.sh", dir);
        Directory.Delete(dir, recursive: true);
    }

    private static async Task RunScriptAsync(string script, string dir)
    {
        var info = new ProcessStartInfo(Path.Combine(RepoPaths.Root(), "tests", "engines", script)) { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add(dir);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not run tests/engines/{script}.");
        // Its stdout repeats DIR/env; read it so the child never blocks on a full pipe.
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/engines/{script} {dir} exited with {process.ExitCode} (PostgreSQL 15 and redis-server installed?).");
        }
    }
}
