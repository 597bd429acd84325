using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HdrHistogram;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// A closed loop: N keep-alive connections, each on its own thread with one request in flight. Every thread
/// sends until the end of warm-up plus duration; only requests that start after the warm-up are recorded. With
/// several targets (scale-out replicas) connection c talks to target c mod n, each with its own pool of requests
/// signed for that replica.
/// </summary>
public sealed class LoadRun(IReadOnlyList<LoadTarget> targets, Expectation expectation, int connections)
{
    public LoadRun(IPEndPoint endpoint, RequestPool pool, Expectation expectation, int connections)
        : this([new LoadTarget(endpoint, pool)], expectation, connections)
    {
    }

    /// <summary>Latencies in microseconds, up to a minute, 3 significant digits.</summary>
    public const long MaxLatencyMicros = 60_000_000;

    private const int MaxErrorSamples = 3;

    private readonly List<string> _errorSamples = [];
    private long _errors;

    /// <summary>
    /// Runs the loop, calling <paramref name="onMeasureStart"/> and <paramref name="onMeasureEnd"/> on this thread at the
    /// window's edges (to read the server's CPU time there).
    /// </summary>
    public LoadResult Execute(TimeSpan warmup, TimeSpan duration, Action onMeasureStart, Action onMeasureEnd)
    {
        var histograms = new LongHistogram[connections];
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(warmup);
        var until = measureFrom + Ticks(duration);
        var threads = new Thread[connections];
        for (var c = 0; c < connections; c++)
        {
            var histogram = histograms[c] = new LongHistogram(MaxLatencyMicros, 3);
            var target = targets[c % targets.Count];
            threads[c] = new Thread(() => Loop(target, histogram, measureFrom, until)) { IsBackground = true, Name = $"conn-{c}" };
            threads[c].Start();
        }

        SleepUntil(measureFrom);
        onMeasureStart();
        SleepUntil(until);
        onMeasureEnd();
        foreach (var thread in threads)
        {
            // A thread is at most one request past the end; a server that hangs is caught by the receive timeout.
            thread.Join();
        }

        var all = new LongHistogram(MaxLatencyMicros, 3);
        foreach (var h in histograms)
        {
            all.Add(h);
        }

        return new LoadResult(all, Interlocked.Read(ref _errors), [.. _errorSamples], duration, targets.Any(t => t.Pool.Exhausted));
    }

    private void Loop(LoadTarget target, LongHistogram histogram, long measureFrom, long until)
    {
        var (endpoint, pool) = target;
        Socket? socket = null;
        ResponseReader? reader = null;
        try
        {
            while (Stopwatch.GetTimestamp() < until && pool.Take() is { } request)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    if (socket is null)
                    {
                        socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 30_000 };
                        socket.Connect(endpoint);
                        reader = new ResponseReader(socket);
                        sent = Stopwatch.GetTimestamp();
                    }

                    socket.Send(request);
                    var response = reader!.Read();
                    var done = Stopwatch.GetTimestamp();
                    if (!expectation.IsMet(response))
                    {
                        Error($"HTTP {response.Status}: {Encoding.UTF8.GetString(response.Body[..Math.Min(response.Body.Length, 300)])}");
                    }
                    else if (sent >= measureFrom && done <= until + Ticks(TimeSpan.FromSeconds(1)))
                    {
                        histogram.RecordValue(Math.Min((done - sent) * 1_000_000 / Stopwatch.Frequency, MaxLatencyMicros));
                    }
                }
                catch (Exception e) when (e is IOException or SocketException)
                {
                    Error($"{e.GetType().Name}: {e.Message}");
                    socket?.Dispose();
                    socket = null;
                    // A server that is gone refuses at once: do not spin on it.
                    Thread.Sleep(10);
                }
            }
        }
        finally
        {
            socket?.Dispose();
        }
    }

    private void Error(string sample)
    {
        if (Interlocked.Increment(ref _errors) <= MaxErrorSamples)
        {
            lock (_errorSamples)
            {
                _errorSamples.Add(sample);
            }
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static void SleepUntil(long timestamp)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (left > TimeSpan.Zero)
        {
            Thread.Sleep(left);
        }
    }
}

/// <summary>One server the loop talks to, and the requests built (signed) for it.</summary>
public sealed record LoadTarget(IPEndPoint Endpoint, RequestPool Pool);

/// <summary>What the generator saw in the measured window.</summary>
public sealed record LoadResult(LongHistogram Latencies, long Errors, IReadOnlyList<string> ErrorSamples, TimeSpan Duration, bool PoolExhausted)
{
    public long Requests => Latencies.TotalCount;

    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    public double Percentile(double p) => Latencies.TotalCount == 0 ? 0 : Latencies.GetValueAtPercentile(p) / 1000.0;

    public double MaxMs => Latencies.TotalCount == 0 ? 0 : Latencies.GetMaxValue() / 1000.0;
}
