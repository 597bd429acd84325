using System.Diagnostics;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// <c>--backup-timing</c>: how long <c>edgereg backup</c> takes on a data dir of 100,000 versions (1,000 drivers × 100,
/// each driver with a real 64 KiB package file; 10,000 with <c>--quick</c>) while the server runs on it, and how long
/// <c>edgereg restore</c> (which re-reads and hashes every package) takes to bring it back.
/// </summary>
public sealed class BackupTiming(LoadGenOptions options)
{
    private const int Samples = 3;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var credentials = BenchCredentials.New();
        var work = Directory.CreateTempSubdirectory("edgereg-backup-bench-");
        var dataDir = Path.Combine(work.FullName, "data");
        var log = Path.Combine(work.FullName, "server.log");
        var drivers = options.DeepVersions / 100;
        try
        {
            await using (var first = ServerProcess.Start(options.ServerDll, dataDir, credentials, log))
            {
                await first.WaitUntilAsync(async s => (await OneShot.SendAsync(s.Endpoint, Probe(s))).Status == 200, TimeSpan.FromSeconds(60));
            }

            var seeder = new StoreSeeder(Path.Combine(dataDir, "edgereg.db"), Path.Combine(dataDir, "blobs"));
            Console.WriteLine((await seeder.SeedWideAsync(new DataSets(), drivers, 100, cancellationToken)).ToString());
            await using var server = ServerProcess.Start(options.ServerDll, dataDir, credentials, log);
            await server.WaitUntilAsync(async s => (await OneShot.SendAsync(s.Endpoint, Probe(s))).Status == 200, TimeSpan.FromSeconds(60));
            Console.WriteLine($"data dir: {drivers * 100:N0} versions of {drivers:N0} drivers, {drivers:N0} package files of 64 KiB; server running (pid {server.Pid})");

            var lines = new List<string>();
            for (var i = 1; i <= Samples; i++)
            {
                var output = Path.Combine(work.FullName, $"backup-{i}");
                lines.Add(await TimeAsync($"backup {i}", ["backup", "--data-dir", dataDir, output]));
                if (i < Samples)
                {
                    Directory.Delete(output, recursive: true);
                }
            }

            lines.Add(await TimeAsync("restore", ["restore", Path.Combine(work.FullName, $"backup-{Samples}"), "--data-dir", Path.Combine(work.FullName, "restored")]));
            Console.WriteLine();
            Console.WriteLine("| run | wall s | edgereg says |");
            Console.WriteLine("|---|---:|---|");
            lines.ForEach(Console.WriteLine);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs <c>edgereg</c> with the arguments; the process's wall time and its one-line summary, as a table row.</summary>
    private async Task<string> TimeAsync(string name, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(options.ServerDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = Stopwatch.GetElapsedTime(started);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"edgereg {string.Join(' ', args)} exited with {process.ExitCode}: {stderr}");
        }

        var row = $"| {name} | {wall.TotalSeconds:0.00} | {stdout.Split('\n')[0].Trim()} |";
        Console.WriteLine(row);
        return row;
    }

    private static byte[] Probe(ServerProcess server) =>
        System.Text.Encoding.ASCII.GetBytes($"GET /health/ready HTTP/1.1\r\nHost: {server.Host}\r\n\r\n");
}
