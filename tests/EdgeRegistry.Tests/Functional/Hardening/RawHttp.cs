using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// HTTP/1.1 over a bare TCP connection, for requests HttpClient will not send: a body slower than promised, cut
/// short, or badly chunked. The answer is read to the end of the connection and parsed into an
/// <see cref="RpcResponse"/>, so the usual shape assertions apply.
/// </summary>
public sealed class RawHttp : IDisposable
{
    private readonly TcpClient _tcp = new();

    private RawHttp()
    {
    }

    public NetworkStream Stream { get; private set; } = null!;

    /// <summary>Connects and sends the request line and headers (Host and <c>Connection: close</c> added).</summary>
    public static async Task<RawHttp> StartAsync(Uri server, string method, string target, params string[] headers)
    {
        var raw = new RawHttp();
        await raw._tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        raw.Stream = raw._tcp.GetStream();
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        await raw.SendAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        return raw;
    }

    public async Task SendAsync(byte[] bytes)
    {
        await Stream.WriteAsync(bytes);
        await Stream.FlushAsync();
    }

    public Task SendAsync(string ascii) => SendAsync(Encoding.ASCII.GetBytes(ascii));

    /// <summary>Tells the server nothing more will come, as a client that stops sending mid-body does.</summary>
    public void EndSending() => _tcp.Client.Shutdown(SocketShutdown.Send);

    /// <summary>Drops the connection with a reset instead of a close.</summary>
    public void Reset()
    {
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _tcp.Close();
    }

    /// <summary>Reads until the server closes the connection (bounded by <paramref name="timeout"/>) and parses the answer.</summary>
    public async Task<RpcResponse> ReadResponseAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        using var buffer = new MemoryStream();
        await Stream.CopyToAsync(buffer, cancel.Token);
        return Parse(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>
    /// Reads one answer up to its Content-Length, without waiting for the connection to end: for a request the server
    /// answers before the body it was promised (it then drops the connection, which may reset it).
    /// </summary>
    public async Task<RpcResponse> ReadAnswerAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var received = new List<byte>();
        var chunk = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end > 0)
            {
                var length = text[..end].Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).Single();
                if (received.Count >= end + 4 + length)
                {
                    return Parse(Encoding.UTF8.GetString([.. received]));
                }
            }

            var read = await Stream.ReadAsync(chunk, cancel.Token);
            Assert.True(read > 0, $"The connection ended before a complete answer: \"{text}\"");
            received.AddRange(chunk.AsSpan(0, read));
        }
    }

    private static RpcResponse Parse(string raw)
    {
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"No complete HTTP answer: \"{raw}\"");
        var lines = raw[..end].Split("\r\n");
        var status = (HttpStatusCode)int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)].ToLowerInvariant(), Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .ToDictionary(h => h.Name, h => h.Value, StringComparer.Ordinal);
        var body = raw[(end + 4)..];
        Assert.False(headers.ContainsKey("transfer-encoding"), "The answer is chunked; this reader expects a Content-Length.");
        return new RpcResponse(status, headers, headers.GetValueOrDefault("content-type"), body);
    }

    public void Dispose() => _tcp.Dispose();
}
