using System.Text.Json;
using EdgeRegistry.Hosting;
using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.Tests.Functional.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// The request log off the request path: lines queued by requests come out whole, in order, in either format; a full
/// queue drops lines and says how many instead of holding requests up; what is queued at shutdown is still written.
/// </summary>
public sealed class RequestLogWriterTests
{
    private static readonly DateTime At = new(2026, 12, 3, 6, 7, 8, 9, DateTimeKind.Utc);

    private static RequestLogEntry Entry(int n) => new(At, "QueryEdgeDriver", 200, "Success", "key-1", 1.25, $"REQ-{n}");

    [Fact]
    public async Task Text_lines_look_like_the_console_loggers_and_come_out_in_order()
    {
        var (log, sink) = await RunAsync(json: false, capacity: 100, entries: 3);

        Assert.Equal(
            [.. Enumerable.Range(0, 3).Select(n => $"2026-12-03T06:07:08.009Z info: EdgeRegistry.Rpc.RpcPipeline[0] QueryEdgeDriver 200 Success key=key-1 1.3ms REQ-{n}")],
            sink.Lines);
        Assert.Equal(0, log.TakeDroppedForTest());
    }

    [Fact]
    public async Task Json_lines_carry_a_timestamp_and_every_field()
    {
        var (_, sink) = await RunAsync(json: true, capacity: 100, entries: 1);

        var line = JsonDocument.Parse(Assert.Single(sink.Lines)).RootElement;
        Assert.Equal("2026-12-03T06:07:08.009Z", line.GetProperty("Timestamp").GetString());
        Assert.Equal("Information", line.GetProperty("LogLevel").GetString());
        var state = line.GetProperty("State");
        Assert.Equal("QueryEdgeDriver", state.GetProperty("Action").GetString());
        Assert.Equal(200, state.GetProperty("Status").GetInt32());
        Assert.Equal("Success", state.GetProperty("Code").GetString());
        Assert.Equal("key-1", state.GetProperty("AccessKeyId").GetString());
        Assert.Equal(1.3, state.GetProperty("ElapsedMs").GetDouble());
        Assert.Equal("REQ-0", state.GetProperty("RequestId").GetString());
        Assert.Equal("QueryEdgeDriver 200 Success key=key-1 1.3ms REQ-0", line.GetProperty("Message").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_full_queue_drops_lines_and_says_how_many(bool json)
    {
        var (_, sink) = await RunAsync(json, capacity: 2, entries: 5);

        Assert.Equal(3, sink.Lines.Count);
        Assert.Contains("REQ-1", sink.Lines[1], StringComparison.Ordinal);
        Assert.Contains("3 request log lines were dropped", sink.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_queued_when_the_category_is_below_Information()
    {
        using var loggers = LoggerFactory.Create(b => b.AddFilter("EdgeRegistry.Rpc", LogLevel.Warning).AddProvider(new CapturedLog()));
        var log = new RequestLog(loggers, capacity: 1);
        log.Write(Entry(0));
        log.Write(Entry(1));
        Assert.Equal(0, log.TakeDroppedForTest());
    }

    /// <summary>Queues <paramref name="entries"/> before the writer starts, then stops it, which writes what is left.</summary>
    private static async Task<(RequestLog Log, CapturedRequestLines Sink)> RunAsync(bool json, int capacity, int entries)
    {
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new CapturedLog()));
        var log = new RequestLog(loggers, capacity);
        for (var n = 0; n < entries; n++)
        {
            log.Write(Entry(n));
        }

        var sink = new CapturedRequestLines();
        var writer = new RequestLogWriter(log, new RequestLogFormat(json), sink);
        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);
        return (log, sink);
    }
}
