using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// A real <c>edgereg serve</c> child process on a free loopback port. Its console log goes straight to a file
/// (through <c>sh -c exec</c>, so the pid is the server's own and no generator thread copies log lines).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, IPEndPoint endpoint, long startedAt)
    {
        _process = process;
        Endpoint = endpoint;
        StartedAt = startedAt;
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>The Host header value, which V3 signs.</summary>
    public string Host => $"127.0.0.1:{Endpoint.Port}";

    public int Pid => _process.Id;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was launched.</summary>
    public long StartedAt { get; }

    /// <param name="scaleOut">PostgreSQL and Redis settings and the shared master key for a scale-out replica; null for the embedded mode.</param>
    public static ServerProcess Start(string serverDll, string dataDir, BenchCredentials credentials, string logFile, int port = 0, ScaleOutEngines? scaleOut = null)
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, port == 0 ? FreePort() : port);
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // Arguments after the fourth are passed on to `serve` ("$@" after the shift).
        string[] args = ["-c", "d=$0 l=$1 dd=$2 f=$3; shift 3; exec dotnet \"$d\" serve --listen \"$l\" --data-dir \"$dd\" \"$@\" >>\"$f\" 2>&1",
            serverDll, $"127.0.0.1:{endpoint.Port}", dataDir, logFile];
        foreach (var arg in scaleOut is null ? args : [.. args, "--postgres", scaleOut.Postgres, "--redis", scaleOut.Redis])
        {
            info.ArgumentList.Add(arg);
        }

        if (scaleOut is not null)
        {
            info.Environment["EDGEREG_MASTER_KEY"] = scaleOut.MasterKey;
        }

        info.Environment["EDGEREG_ROOT_ACCESS_KEY_ID"] = credentials.AccessKeyId;
        info.Environment["EDGEREG_ROOT_ACCESS_KEY_SECRET"] = credentials.AccessKeySecret;
        // Quotas (10 calls/s per account and action by default) must never throttle a benchmark.
        info.Environment["EDGEREG_QUOTAS"] = "off";
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server process.");
        return new ServerProcess(process, endpoint, startedAt);
    }

    /// <summary>Polls with <paramref name="probe"/> every 10 ms until it succeeds; returns the time since launch.</summary>
    public async Task<TimeSpan> WaitUntilAsync(Func<ServerProcess, Task<bool>> probe, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}; see its log.");
            }

            try
            {
                if (await probe(this))
                {
                    return Stopwatch.GetElapsedTime(StartedAt);
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The server did not answer within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>SIGTERM for a clean shutdown, then SIGKILL if it has not exited within 10 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
