using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// <c>edgereg serve</c> as an operator runs it: the built <c>edgereg.dll</c> in a process of its own, in a working
/// directory of the test's (where <c>appsettings.json</c> is read), with only the environment the test gives it (no
/// <c>EDGEREG_*</c> or <c>Logging__*</c> variable of the machine leaks in), its stdout and stderr kept line by line.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    /// <summary>How long a start may take on a busy machine before the test fails with the output so far.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly TaskCompletionSource<Match> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    /// <summary>Every line written so far, stdout and stderr interleaved as they arrived.</summary>
    public string Output => string.Join('\n', _lines);

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The lines written to stdout alone.</summary>
    public IReadOnlyList<string> StdoutLines => [.. _stdout];

    public int Id => _process.Id;

    public static ServerProcess Start(string workDir, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgereg.dll"));
        info.ArgumentList.Add("serve");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("EDGEREG_", StringComparison.Ordinal) || k.StartsWith("Logging__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                server._stdout.Enqueue(e.Data);
            }

            server.Received(e.Data);
        };
        process.ErrorDataReceived += (_, e) => server.Received(e.Data);
        process.Exited += (_, _) => server._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits for the "EdgeRegistry is listening on URL (STORAGE)" line; fails with the output if the process ends first.</summary>
    public async Task<(Uri Address, string Storage)> ListeningAsync()
    {
        await Task.WhenAny(_listening.Task, _exited.Task, Task.Delay(StartTimeout));
        if (!_listening.Task.IsCompleted && _exited.Task.IsCompleted)
        {
            _process.WaitForExit(); // its last lines may still be in the pipe
        }

        if (!_listening.Task.IsCompleted)
        {
            var why = _process.HasExited ? $"exited with {_process.ExitCode}" : $"did not say where it listens within {StartTimeout}";
            throw new Xunit.Sdk.XunitException($"edgereg serve {why}:\n{Output}");
        }

        var match = await _listening.Task;
        return (new Uri(match.Groups["address"].Value), match.Groups["storage"].Value);
    }

    /// <summary>Waits for the process to end on its own (a refused start); fails with the output if it keeps running.</summary>
    public async Task<int> ExitCodeAsync()
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(StartTimeout)) != _exited.Task)
        {
            throw new Xunit.Sdk.XunitException($"edgereg serve was expected to stop by itself but still runs after {StartTimeout}:\n{Output}");
        }

        _process.WaitForExit(); // the output is complete only once the redirected streams are drained
        return _process.ExitCode;
    }

    /// <summary>The output lines that contain <paramref name="text"/>, waiting briefly for them to be written.</summary>
    public async Task<IReadOnlyList<string>> LinesWithAsync(string text)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            if (Lines.Where(l => l.Contains(text, StringComparison.Ordinal)).ToList() is { Count: > 0 } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No output line contains {text}:\n{Output}");
    }

    /// <summary>Sends SIGTERM, as a service manager or a container runtime stops a server.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(match);
        }
    }

    // The text format prints the message as is; the JSON format inside "Message":"…", where neither part needs escaping.
    [GeneratedRegex(@"EdgeRegistry is listening on (?<address>http://[^\s""]+) \((?<storage>[^)]*)\)")]
    private static partial Regex Listening();
}
