using System.Diagnostics;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>
/// A redis-server of one test's own, a child process on a port of its own, that the test stops and starts again
/// (on the same port) to play an outage. Killed when disposed.
/// </summary>
public sealed class PrivateRedisServer : IAsyncDisposable
{
    private Process? _process;

    private PrivateRedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts one on a random free port, trying others when the port turns out to be taken.</summary>
    public static async Task<PrivateRedisServer> StartAsync()
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var server = new PrivateRedisServer(Random.Shared.Next(20000, 60000));
            if (await server.TryStartAsync())
            {
                return server;
            }
        }

        throw new InvalidOperationException("A private redis-server did not start on any of 8 ports.");
    }

    /// <summary>Starts it again on its port after <see cref="Stop"/>.</summary>
    public async Task RestartAsync()
    {
        if (!await TryStartAsync())
        {
            throw new InvalidOperationException($"redis-server did not start again on port {Port}.");
        }
    }

    /// <summary>Kills it at once, as a crash would: connections are reset, nothing is said goodbye.</summary>
    public void Stop()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
    }

    /// <summary>Freezes it (SIGSTOP), as a hung server or a network that drops packets would: connections stay open, nothing answers.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    public Task ResumeAsync() => SignalAsync("-CONT");

    public ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            // A frozen process ignores nothing but SIGKILL; it is killed below either way.
            process.Kill();
        }

        Stop();
        return ValueTask.CompletedTask;
    }

    private async Task SignalAsync(string signal)
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("The server is not running.");
        using var kill = Process.Start("kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private async Task<bool> TryStartAsync()
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--save", "", "--appendonly", "no", "--daemonize", "no"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
            EnableRaisingEvents = true,
        };
        // Listening is what its log says once it is; a port taken by someone else makes it exit instead.
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(true);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => ready.TrySetResult(false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await ready.Task.WaitAsync(TimeSpan.FromSeconds(10)) && !process.HasExited)
        {
            _process = process;
            return true;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
        return false;
    }
}
