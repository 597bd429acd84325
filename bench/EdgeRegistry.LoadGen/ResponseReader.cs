using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace EdgeRegistry.LoadGen;

/// <summary>One HTTP/1.1 response as the generator judges it: the status and the body bytes.</summary>
public readonly ref struct HttpResponse(int status, ReadOnlySpan<byte> body)
{
    public int Status { get; } = status;

    public ReadOnlySpan<byte> Body { get; } = body;
}

/// <summary>
/// The smallest response reader that is still correct for what the server sends: a status line, headers, and a
/// body of exactly Content-Length bytes (the server never answers chunked). One per connection; not thread-safe.
/// </summary>
public sealed class ResponseReader(Socket socket)
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLength = "\r\ncontent-length:"u8.ToArray();

    private byte[] _buffer = new byte[16 * 1024];
    private int _filled;

    /// <summary>Reads one whole response; throws <see cref="IOException"/> if the server closes or answers chunked.</summary>
    public HttpResponse Read()
    {
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(0, _filled).IndexOf(HeaderEnd)) < 0)
        {
            Fill();
        }

        var head = _buffer.AsSpan(0, headerEnd);
        if (head.Length < 12 || !Utf8Parser.TryParse(head[9..12], out int status, out _))
        {
            throw new IOException("Not an HTTP/1.1 status line: " + Encoding.ASCII.GetString(head[..Math.Min(head.Length, 40)]));
        }

        var length = FindContentLength(head) ?? throw new IOException("The response has no Content-Length.");
        var total = headerEnd + HeaderEnd.Length + length;
        if (total > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(total, _buffer.Length * 2));
        }

        while (_filled < total)
        {
            Fill();
        }

        var response = new HttpResponse(status, _buffer.AsSpan(headerEnd + HeaderEnd.Length, length));
        // Closed loop: nothing follows a response until the next request is sent, so the buffer simply restarts.
        _filled -= total;
        if (_filled > 0)
        {
            throw new IOException("Bytes arrived after a complete response.");
        }

        return response;
    }

    private void Fill()
    {
        if (_filled == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = socket.Receive(_buffer.AsSpan(_filled));
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        _filled += read;
    }

    private static int? FindContentLength(ReadOnlySpan<byte> head)
    {
        for (var i = 0; i + ContentLength.Length <= head.Length; i++)
        {
            if (head[i] == '\r' && Ascii.EqualsIgnoreCase(head.Slice(i, ContentLength.Length), ContentLength))
            {
                var value = head[(i + ContentLength.Length)..];
                var lineEnd = value.IndexOf((byte)'\r');
                value = (lineEnd < 0 ? value : value[..lineEnd]).Trim((byte)' ');
                return Utf8Parser.TryParse(value, out int length, out _) ? length : null;
            }
        }

        return null;
    }
}
