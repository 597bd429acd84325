using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeRegistry.Fuzz;

/// <summary>
/// Sends raw bytes on a fresh loopback connection and reads one HTTP/1.1 response by its framing (Content-Length,
/// chunked, or to the end for a close-delimited body). HttpClient would refuse or repair most mutated requests, so
/// the fuzzer speaks the protocol itself.
/// </summary>
public sealed class RawHttpClient(IPEndPoint server, TimeSpan timeout)
{
    private const int MaxBody = 64 * 1024 * 1024;

    public async Task<RawResponse> SendAsync(RawRequest request, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, limit.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            try
            {
                await stream.WriteAsync(request.ToBytes(), limit.Token);
                if (request.Wire is not null)
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
            }
            catch (IOException)
            {
                // The server may answer (413, 400) and close before a large or broken request is fully written.
            }

            return await ReadResponseAsync(stream, request.Method == "HEAD", limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RawResponse.Timeout();
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return RawResponse.Closed(e.Message);
        }
    }

    private static async Task<RawResponse> ReadResponseAsync(NetworkStream stream, bool head, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream);
        while (true)
        {
            var headText = await reader.ReadHeadAsync(cancellationToken);
            if (headText is null)
            {
                return RawResponse.Closed("the connection closed before a status line");
            }

            var status = ParseStatus(headText);
            if (status is >= 100 and < 200)
            {
                continue;
            }

            var headers = ParseHeaders(headText);
            byte[] body;
            if (head || status is 204 or 304)
            {
                body = [];
            }
            else if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = await reader.ReadChunkedAsync(MaxBody, cancellationToken);
            }
            else if (headers.TryGetValue("content-length", out var length) && long.TryParse(length, CultureInfo.InvariantCulture, out var n))
            {
                body = await reader.ReadExactlyAsync((int)Math.Min(n, MaxBody), cancellationToken);
            }
            else
            {
                body = await reader.ReadToEndAsync(MaxBody, cancellationToken);
            }

            return new RawResponse(status, headText, body, false, null);
        }
    }

    private static int ParseStatus(string head)
    {
        var parts = head.Split(' ', 3);
        return parts.Length >= 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var status) ? status : -1;
    }

    private static Dictionary<string, string> ParseHeaders(string head)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return headers;
    }

    /// <summary>A small read-ahead buffer over the stream, enough for status lines, chunk sizes and bodies.</summary>
    private sealed class BufferedReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
        {
            var head = new MemoryStream();
            var matched = 0;
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return null;
                }

                var b = _buffer[_start++];
                head.WriteByte(b);
                matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
                if (matched == 4)
                {
                    return Encoding.Latin1.GetString(head.GetBuffer(), 0, (int)head.Length - 4);
                }

                if (head.Length > 1024 * 1024)
                {
                    throw new IOException("a response head over 1 MiB");
                }
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var got = 0;
            while (got < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException($"the body ended after {got} of {count} bytes");
                }

                var n = Math.Min(count - got, _end - _start);
                Array.Copy(_buffer, _start, result, got, n);
                _start += n;
                got += n;
            }

            return result;
        }

        public async Task<byte[]> ReadChunkedAsync(int max, CancellationToken cancellationToken)
        {
            var body = new MemoryStream();
            while (true)
            {
                var line = await ReadLineAsync(cancellationToken);
                var size = int.Parse(line.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while ((await ReadLineAsync(cancellationToken)).Length > 0)
                    {
                    }

                    return body.ToArray();
                }

                body.Write(await ReadExactlyAsync(size, cancellationToken));
                await ReadLineAsync(cancellationToken);
                if (body.Length > max)
                {
                    throw new IOException("a chunked body over the limit");
                }
            }
        }

        public async Task<byte[]> ReadToEndAsync(int max, CancellationToken cancellationToken)
        {
            var body = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return body.ToArray();
                }

                body.Write(_buffer, _start, _end - _start);
                _start = _end;
                if (body.Length > max)
                {
                    throw new IOException("a body over the limit");
                }
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("the connection closed inside a chunked body");
                }

                var c = (char)_buffer[_start++];
                if (c == '\n')
                {
                    return line.ToString().TrimEnd('\r');
                }

                line.Append(c);
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
