using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace EdgeRegistry.Fuzz;

/// <summary>
/// Sends the requests on a few concurrent workers and keeps what the checks need: a status histogram per request
/// family, every 5xx, timeout and malformed status with the request that caused it, and the server's RSS.
/// </summary>
public sealed class FuzzRun(FuzzOptions options, RequestGenerator generator, RawHttpClient http)
{
    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private long _next = -1;
    private long _peakRssKb;

    public IReadOnlyDictionary<string, int> Statuses => _statuses;

    public IReadOnlyDictionary<string, int> Kinds => _kinds;

    public IReadOnlyCollection<string> Failures => _failures;

    public int ServerErrors { get; private set; }

    public int Timeouts { get; private set; }

    /// <summary>Well-framed requests answered by a closed connection instead of a status.</summary>
    public int UnansweredWellFramed { get; private set; }

    public long PeakRssKb => _peakRssKb;

    public async Task<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleRssAsync(sampling.Token);
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => WorkAsync(cancellationToken)));
        await sampling.CancelAsync();
        await sampler;
        return started.Elapsed;
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        long index;
        while ((index = Interlocked.Increment(ref _next)) < options.Requests)
        {
            var request = generator.Build(index);
            var response = await http.SendAsync(request, cancellationToken);
            _statuses.AddOrUpdate(response.Label, 1, (_, n) => n + 1);
            _kinds.AddOrUpdate(request.Kind + (request.Mutated ? "+wire" : ""), 1, (_, n) => n + 1);
            string? problem = null;
            if ((response.Status >= 500 && !IsUnsupportedAction(response) && !IsUnsupportedVersion(request, response)) || response.Status < 0)
            {
                lock (_failures) { ServerErrors++; }
                problem = $"answered {response.Status}";
            }
            else if (response.TimedOut)
            {
                lock (_failures) { Timeouts++; }
                problem = "no answer in time (hang)";
            }
            else if (response.Status == 0 && request.Wire is null && request.Body.Length < 64 * 1024 && request.Target.Length < 8 * 1024)
            {
                lock (_failures) { UnansweredWellFramed++; }
                problem = $"closed without an answer ({response.Error})";
            }

            if (problem is not null && _failures.Count < 25)
            {
                _failures.Enqueue($"request #{index} ({request.Kind}) {problem}\n--- request\n{request.Describe()}\n--- response\n{response.Head}\n{Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(800, response.Body.Length)))}");
            }
        }
    }

    /// <summary>
    /// 501 UnsupportedOperation is the contract's answer to an Iot action EdgeRegistry does not implement (not a
    /// malformed request, not a fault), so it is the one 5xx the fuzzer accepts.
    /// </summary>
    private static bool IsUnsupportedAction(RawResponse response)
    {
        var body = Encoding.UTF8.GetString(response.Body);
        return response.Status == 501
            && (body.Contains("\"Code\":\"UnsupportedOperation\"", StringComparison.Ordinal) || body.Contains("<Code>UnsupportedOperation</Code>", StringComparison.Ordinal));
    }

    /// <summary>
    /// 505 from Kestrel, before any application code, for a request line whose protocol token a mutation garbled
    /// (<c>HTtP/1.1</c>, <c>HTTP+1.1</c>): the RFC's answer, and not one the application can change.
    /// </summary>
    private static bool IsUnsupportedVersion(RawRequest request, RawResponse response)
    {
        if (response.Status != 505)
        {
            return false;
        }

        var bytes = request.ToBytes();
        var end = Array.IndexOf(bytes, (byte)'\n');
        var line = Encoding.Latin1.GetString(bytes, 0, end < 0 ? bytes.Length : end).TrimEnd('\r');
        var version = line[(line.LastIndexOf(' ') + 1)..];
        return version is not ("HTTP/1.1" or "HTTP/1.0");
    }

    private async Task SampleRssAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (ServerMemory.Read(options.Pid) is { } memory)
                {
                    _peakRssKb = Math.Max(_peakRssKb, Math.Max(memory.RssKb, memory.PeakKb));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
