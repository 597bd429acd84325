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

    private static async Task WriteAsync(HttpResponse response, WireFormat format, int status, string xmlRoot, Action<IWireWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        if (format == WireFormat.Json)
        {
            using var json = new Utf8JsonWriter(buffer, JsonWireWriter.Options);
            json.WriteStartObject();
            write(new JsonWireWriter(json));
            json.WriteEndObject();
            json.Flush();
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
        await response.Body.WriteAsync(buffer.WrittenMemory, response.HttpContext.RequestAborted);
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
