using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Rpc;

/// <summary>
/// Renders the three response shapes of api.md sections 3–4 (success envelope, business error, gateway error)
/// in JSON or XML. Bodies are built in memory first so a failure while writing never leaves half a response.
/// </summary>
public sealed class RpcResponseWriter
{
    private static readonly byte[] XmlDeclaration = Encoding.UTF8.GetBytes(XmlWireWriter.Declaration);

    public Task WriteSuccessAsync(HttpResponse response, WireFormat format, string action, string requestId, IWireObject body) =>
        WriteAsync(response, format, 200, action + "Response", w =>
        {
            w.String("RequestId", requestId);
            w.Boolean("Success", true);
            w.String("Code", "Success");
            body.WriteTo(w);
        });

    public Task WriteErrorAsync(HttpResponse response, WireFormat format, string? action, string requestId, RpcError error)
    {
        if (error.Kind == RpcErrorKind.Business)
        {
            // The XML root is named after the action; only a name fit to be an element name is used.
            var root = action is { Length: > 0 } && action.All(char.IsAsciiLetterOrDigit) ? action : "Error";
            return WriteAsync(response, format, 200, root + "Response", w =>
            {
                w.String("RequestId", requestId);
                w.Boolean("Success", false);
                w.String("Code", error.Code);
                w.String("ErrorMessage", error.Message);
            });
        }

        var host = response.HttpContext.Request.Host.Value ?? "";
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(response, format, error.HttpStatus, "Error", w =>
        {
            w.String("RequestId", requestId);
            w.String("HostId", host);
            w.String("Code", error.Code);
            w.String("Message", error.Message);
            w.String("Recommend", ErrorDocs.LinkFor(response.HttpContext.Request, error.Code));
        });
    }

    // Largest buffer a thread keeps for its next answer; an answer bigger than this gets a buffer of its own.
    private const int KeptBufferBytes = 256 * 1024;

    // A thread's buffer and JSON writer for its next answer: a page is written with no allocation of its own. Both
    // are taken while an answer is built and copied, which never awaits, and given back before the send.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    private static Task WriteAsync(HttpResponse response, WireFormat format, int status, string xmlRoot, Action<IWireWriter> write)
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(16 * 1024);
        t_buffer = null;
        try
        {
            if (format == WireFormat.Json)
            {
                var json = t_json ?? new Utf8JsonWriter(buffer, JsonWireWriter.Options);
                t_json = null;
                json.Reset(buffer);
                json.WriteStartObject();
                write(new JsonWireWriter(json));
                json.WriteEndObject();
                json.Flush();
                t_json = json;
                response.ContentType = "application/json;charset=utf-8";
            }
            else
            {
                buffer.Write(XmlDeclaration);
                using (var stream = new BufferWriterStream(buffer))
                using (var xml = XmlWriter.Create(stream, XmlWireWriter.Settings))
                {
                    xml.WriteStartElement(xmlRoot);
                    write(new XmlWireWriter(xml));
                    xml.WriteEndElement();
                }

                response.ContentType = "text/xml;charset=utf-8";
            }

            response.StatusCode = status;
            response.ContentLength = buffer.WrittenCount;
            response.BodyWriter.Write(buffer.WrittenSpan);
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity <= KeptBufferBytes)
            {
                t_buffer = buffer;
            }
        }

        return response.BodyWriter.FlushAsync(response.HttpContext.RequestAborted).AsTask();
    }

    /// <summary>Lets XmlWriter write into the same pooled-size buffer JSON uses.</summary>
    private sealed class BufferWriterStream(IBufferWriter<byte> target) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => target.Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => target.Write(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
