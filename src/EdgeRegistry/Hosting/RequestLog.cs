using System.Threading.Channels;

namespace EdgeRegistry.Hosting;

/// <summary>One request as its log line reports it; the strings are the request's own, nothing is formatted yet.</summary>
public readonly record struct RequestLogEntry(
    DateTime TimestampUtc, string Action, int Status, string Code, string AccessKeyId, double ElapsedMs, string RequestId);

/// <summary>
/// The per-request log line, off the request path: a request hands its <see cref="RequestLogEntry"/> to a bounded
/// queue (no formatting, no allocation) and <see cref="RequestLogWriter"/> formats and writes lines in batches.
/// Controlled like any log category: <c>Logging:LogLevel:EdgeRegistry.Rpc</c> at Warning turns the lines off. When
/// the writer cannot keep up the queue drops lines rather than slow requests down, and says how many it dropped.
/// </summary>
public sealed class RequestLog
{
    /// <summary>The category the lines are logged under, as the console logger names it.</summary>
    public const string Category = "EdgeRegistry.Rpc.RpcPipeline";

    private readonly ILogger _category;
    private readonly Channel<RequestLogEntry> _queue;
    private long _dropped;

    public RequestLog(ILoggerFactory loggers, int capacity = 65_536)
    {
        _category = loggers.CreateLogger(Category);
        _queue = Channel.CreateBounded<RequestLogEntry>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite only: a full queue refuses, and the refusal is counted
            SingleReader = true,
        });
    }

    internal ChannelReader<RequestLogEntry> Pending => _queue.Reader;

    public void Write(in RequestLogEntry entry)
    {
        if (_category.IsEnabled(LogLevel.Information) && !_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Lines dropped since the last call (the writer reports them in a line of its own).</summary>
    internal long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    /// <summary>For tests: the same as the writer's count.</summary>
    public long TakeDroppedForTest() => TakeDropped();

    internal void Complete() => _queue.Writer.TryComplete();
}
