using System.Diagnostics;
using System.Globalization;

namespace EdgeRegistry.Crash;

/// <summary>
/// A real <c>edgereg serve</c> on the crash test's data dir, started through <c>sh -c exec</c> (so its pid is the
/// server's own and its log goes straight to a file) and ended with SIGKILL: no shutdown code runs.
/// </summary>
public sealed class CrashServer : IDisposable
{
    private readonly Process _process;

    private CrashServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public static async Task<CrashServer> StartAsync(string serverDll, string dataDir, string keyId, string secret, string logFile)
    {
        var portFile = Path.Combine(Path.GetTempPath(), $"edgereg-crash-port-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var arg in new[] { "-c", "exec dotnet \"$0\" serve --listen 127.0.0.1:0 --port-file \"$1\" --data-dir \"$2\" --quotas off >>\"$3\" 2>&1", serverDll, portFile, dataDir, logFile })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["EDGEREG_ROOT_ACCESS_KEY_ID"] = keyId;
        info.Environment["EDGEREG_ROOT_ACCESS_KEY_SECRET"] = secret;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} on start; see {logFile}.");
            }

            if (File.Exists(portFile) && File.ReadAllText(portFile).Trim() is { Length: > 0 } text)
            {
                File.Delete(portFile);
                return new CrashServer(process, int.Parse(text, CultureInfo.InvariantCulture));
            }

            await Task.Delay(20);
        }

        process.Kill();
        throw new TimeoutException("The server did not start within 60 s.");
    }

    /// <summary>SIGKILL, then waits until the process is gone (its files closed by the kernel).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
