using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>
/// A signed request kept as the exact bytes sent, so a test can send it again unchanged, as an attacker who
/// captured it would: same Host header (V3 signs it) even when the server now listens on another port.
/// </summary>
public sealed class CapturedRequest
{
    private readonly byte[] _bytes;

    private CapturedRequest(string head, string body)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        _bytes = [.. Encoding.ASCII.GetBytes(head + $"Content-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n"), .. bodyBytes];
    }

    /// <summary>A V1 POST with every parameter in the form body, asking for JSON.</summary>
    public static CapturedRequest V1(RpcTestClient client, string action, params (string Name, string Value)[] parameters)
    {
        var signed = client.SignV1(action, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)), new V1Options());
        return new CapturedRequest(
            $"POST / HTTP/1.1\r\nHost: {client.Host}\r\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n",
            RpcTestClient.Encode(signed));
    }

    /// <summary>A V3 POST with the parameters in the query and an empty body, as the Tea clients send it.</summary>
    public static CapturedRequest V3(RpcTestClient client, string action, params (string Name, string Value)[] query)
    {
        var parameters = query.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToList();
        var head = new StringBuilder($"POST /?{RpcTestClient.Encode(parameters)} HTTP/1.1\r\nHost: {client.Host}\r\n");
        foreach (var (name, value) in client.SignV3(action, parameters, new V3Options()).Where(h => h.Key != "host"))
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return new CapturedRequest(head.ToString(), "");
    }

    /// <summary>Sends the bytes on a new connection to <paramref name="server"/> and reads the answer to the end.</summary>
    public async Task<RpcResponse> SendAsync(Uri server)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(_bytes);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        return Parse(Encoding.UTF8.GetString(answer.ToArray()));
    }

    private static RpcResponse Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = raw[..split].Split("\r\n");
        var status = (HttpStatusCode)int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => (Name: line[..line.IndexOf(':', StringComparison.Ordinal)], Value: line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal);
        return new RpcResponse(status, headers, headers.GetValueOrDefault("content-type"), raw[(split + 4)..]);
    }
}
