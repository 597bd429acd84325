using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeRegistry.LoadGen;

/// <summary>One request on a fresh connection, outside any measurement: readiness probes, seeding, start-up timing.</summary>
public static class OneShot
{
    public static async Task<(int Status, string Body)> SendAsync(IPEndPoint endpoint, byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 30_000 };
        await socket.ConnectAsync(endpoint);
        await socket.SendAsync(request);
        // The reader is synchronous; one blocking read on a pool thread is fine outside a measured run.
        return await Task.Run(() =>
        {
            var response = new ResponseReader(socket).Read();
            return (response.Status, Encoding.UTF8.GetString(response.Body));
        });
    }

    /// <summary>Sends a signed RPC and returns its JSON body, or throws with the server's answer.</summary>
    public static async Task<string> RpcAsync(IPEndPoint endpoint, byte[] request)
    {
        var (status, body) = await SendAsync(endpoint, request);
        return status == 200 && body.Contains("\"Success\":true", StringComparison.Ordinal)
            ? body
            : throw new InvalidOperationException($"RPC failed: HTTP {status} {body}");
    }
}
