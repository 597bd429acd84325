using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeRegistry.Rpc;

namespace EdgeRegistry.Hosting;

/// <summary>
/// The request line in the server's two log formats, shaped like the console logger's own lines so that one
/// collector reads both: text <c>TIMESTAMP info: EdgeRegistry.Rpc.RpcPipeline[0] Action Status Code key=Id 1.2ms
/// RequestId</c>, or one JSON object with Timestamp, the rendered Message and each field under State.
/// </summary>
public sealed class RequestLogFormat(bool json)
{
    private const string MessageTemplate = "{Action} {Status} {Code} key={AccessKeyId} {ElapsedMs:0.0}ms {RequestId}";
    private readonly ArrayBufferWriter<byte> _utf8 = new(1024);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);
    private readonly StringBuilder _message = new(256);

    public static RequestLogFormat From(IConfiguration configuration) =>
        new(string.Equals(configuration[$"{ServerSettings.Section}:LogFormat"], "json", StringComparison.OrdinalIgnoreCase));

    public void Append(StringBuilder lines, in RequestLogEntry entry)
    {
        // The caller's text is quoted: a CR in Action would otherwise start a forged line in a text log.
        var action = ClientText.Quote(entry.Action);
        var key = ClientText.Quote(entry.AccessKeyId);
        var message = _message.Clear().Append(action).Append(' ').Append(entry.Status).Append(' ').Append(entry.Code)
            .Append(" key=").Append(key).Append(' ').Append(CultureInfo.InvariantCulture, $"{entry.ElapsedMs:0.0}").Append("ms ")
            .Append(entry.RequestId);
        if (!json)
        {
            AppendTimestamp(lines, entry.TimestampUtc).Append(" info: ").Append(RequestLog.Category).Append("[0] ").Append(message).Append('\n');
            return;
        }

        _utf8.ResetWrittenCount();
        _writer.Reset(_utf8);
        _writer.WriteStartObject();
        _writer.WriteString("Timestamp", entry.TimestampUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        _writer.WriteNumber("EventId", 0);
        _writer.WriteString("LogLevel", "Information");
        _writer.WriteString("Category", RequestLog.Category);
        WriteChunks("Message", message);
        _writer.WriteStartObject("State");
        WriteChunks("Message", message);
        _writer.WriteString("Action", action);
        _writer.WriteNumber("Status", entry.Status);
        _writer.WriteString("Code", entry.Code);
        _writer.WriteString("AccessKeyId", key);
        _writer.WriteNumber("ElapsedMs", Math.Round(entry.ElapsedMs, 1, MidpointRounding.AwayFromZero));
        _writer.WriteString("RequestId", entry.RequestId);
        _writer.WriteString("{OriginalFormat}", MessageTemplate);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.Flush();
        AppendUtf8(lines, _utf8.WrittenSpan).Append('\n');
    }

    public void AppendDropped(StringBuilder lines, DateTime nowUtc, long dropped)
    {
        var message = $"{dropped} request log lines were dropped: the log could not keep up";
        if (!json)
        {
            AppendTimestamp(lines, nowUtc).Append(" warn: ").Append(RequestLog.Category).Append("[0] ").Append(message).Append('\n');
            return;
        }

        lines.Append(JsonSerializer.Serialize(new DroppedLine(nowUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), message),
            RequestLogJsonContext.Default.DroppedLine)).Append('\n');
    }

    private void WriteChunks(string name, StringBuilder value)
    {
        var chars = ArrayPool<char>.Shared.Rent(value.Length);
        value.CopyTo(0, chars, value.Length);
        _writer.WriteString(name, chars.AsSpan(0, value.Length));
        ArrayPool<char>.Shared.Return(chars);
    }

    private static StringBuilder AppendTimestamp(StringBuilder lines, DateTime utc) =>
        lines.Append(CultureInfo.InvariantCulture, $"{utc:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");

    private static StringBuilder AppendUtf8(StringBuilder lines, ReadOnlySpan<byte> utf8)
    {
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        var count = Encoding.UTF8.GetChars(utf8, chars);
        lines.Append(chars.AsSpan(0, count));
        ArrayPool<char>.Shared.Return(chars);
        return lines;
    }
}

/// <summary>The warning line about dropped request lines, in the JSON log's shape.</summary>
public sealed record DroppedLine(string Timestamp, string Message)
{
    public int EventId => 0;

    public string LogLevel => "Warning";

    public string Category => RequestLog.Category;
}

[System.Text.Json.Serialization.JsonSerializable(typeof(DroppedLine))]
internal sealed partial class RequestLogJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
