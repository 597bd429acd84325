using System.Diagnostics;

namespace EdgeRegistry.Hosting;

/// <summary>
/// Graceful shutdown's one line. On SIGTERM the host stops accepting connections and waits up to
/// <see cref="ServerSettings.ShutdownTimeout"/> for the requests in flight; this remembers how many there were, how many
/// were still running when the timeout struck (Kestrel then aborts them, and an aborted upload stores nothing), and how
/// long the whole stop took.
/// </summary>
public sealed class ShutdownReport(InFlightRequests inFlight, ServerSettings settings, IHostApplicationLifetime lifetime, ILoggerFactory logs)
{
    private readonly ILogger _log = logs.CreateLogger("EdgeRegistry");
    private long _stoppingAt;
    private int _inFlightAtStop;
    private int _cutOff;

    /// <summary>Starts watching for the stop; called once the server listens.</summary>
    public void Watch() => lifetime.ApplicationStopping.Register(() =>
    {
        _stoppingAt = Stopwatch.GetTimestamp();
        _inFlightAtStop = inFlight.Count;
        _ = Task.Delay(settings.ShutdownTimeout).ContinueWith(_ => Volatile.Write(ref _cutOff, inFlight.Count), TaskScheduler.Default);
    });

    /// <summary>Writes the line; called once the host has stopped (and before the loggers are disposed).</summary>
    public void Log()
    {
        if (_stoppingAt == 0)
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(_stoppingAt).TotalMilliseconds;
        var cutOff = Volatile.Read(ref _cutOff);
        if (cutOff > 0)
        {
            _log.LogWarning("Stopped after the {TimeoutSeconds} s shutdown timeout: {CutOff} of {InFlight} in-flight request(s) were cut off (uploads among them stored nothing), {ElapsedMs:0} ms",
                settings.ShutdownTimeout.TotalSeconds, cutOff, Math.Max(cutOff, _inFlightAtStop), elapsed);
        }
        else
        {
            _log.LogInformation("Stopped after {InFlight} in-flight request(s) drained in {ElapsedMs:0} ms", _inFlightAtStop, elapsed);
        }
    }
}
