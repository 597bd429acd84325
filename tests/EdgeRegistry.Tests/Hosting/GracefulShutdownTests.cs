using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// Issue 11, graceful shutdown, on the real process: SIGTERM lets an upload in flight finish (exit 0, one line saying
/// how many requests were drained); one still running at the shutdown timeout is cut off and leaves no object.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const string KeyId = "shutdown-key-id";
    private const string Secret = "shutdown-secret";
    private const int Size = 64 * 1024;

    private static Dictionary<string, string> Root => new() { ["EDGEREG_ROOT_ACCESS_KEY_ID"] = KeyId, ["EDGEREG_ROOT_ACCESS_KEY_SECRET"] = Secret };

    [Fact]
    public async Task An_upload_in_flight_at_SIGTERM_completes_and_the_server_exits_0_with_one_line()
    {
        using var dir = new WorkDir();
        await using var server = ServerProcess.Start(dir.Root, ["--listen", "127.0.0.1:0", "--data-dir", dir["data"], "--quotas", "off"], Root);
        var (address, _) = await server.ListeningAsync();
        using var upload = await StartUploadAsync(address);
        await upload.GetStream().WriteAsync(new byte[Size / 2]);
        await Task.Delay(500); // for the server to start handling the PUT: it is in flight now

        await server.TerminateAsync();
        await Task.Delay(1000); // the server is stopping, and waits
        await upload.GetStream().WriteAsync(new byte[Size / 2]);
        var answer = await ReadToEndAsync(upload);

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Equal(0, await server.ExitCodeAsync());
        var line = Assert.Single(server.Lines, l => l.Contains("Stopped after", StringComparison.Ordinal));
        Assert.True(line.Contains("Stopped after 1 in-flight request(s) drained in ", StringComparison.Ordinal), server.Output);
        Assert.Single(BlobFiles(dir));
    }

    [Fact]
    public async Task An_upload_still_running_at_the_shutdown_timeout_is_cut_off_and_stores_nothing()
    {
        using var dir = new WorkDir();
        await using var server = ServerProcess.Start(dir.Root,
            ["--listen", "127.0.0.1:0", "--data-dir", dir["data"], "--quotas", "off", "--shutdown-timeout", "2s"], Root);
        var (address, _) = await server.ListeningAsync();
        using var upload = await StartUploadAsync(address);
        await upload.GetStream().WriteAsync(new byte[Size / 2]);
        await Task.Delay(500); // for the server to start handling the PUT: it is in flight now

        await server.TerminateAsync();

        Assert.Equal(0, await server.ExitCodeAsync());
        var line = Assert.Single(server.Lines, l => l.Contains("Stopped after", StringComparison.Ordinal));
        Assert.True(line.Contains("Stopped after the 2 s shutdown timeout: 1 of 1 in-flight request(s) were cut off", StringComparison.Ordinal), server.Output);
        Assert.True(BlobFiles(dir).Length == 0, server.Output);
        Assert.Single(server.Lines, l => l.Contains("EdgeRegistry.Http", StringComparison.Ordinal) && l.Contains("PUT /oss/", StringComparison.Ordinal) && l.Contains(" 499 ", StringComparison.Ordinal));
    }

    /// <summary>Creates a driver, presigns its package and sends the PUT's headers promising <see cref="Size"/> bytes.</summary>
    private static async Task<TcpClient> StartUploadAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        var client = new RpcTestClient(http, TimeProvider.System, KeyId, Secret);
        var driverId = await client.CreateDriverAsync();
        var link = new Uri((await client.PresignAsync(driverId, "1.0")).PresignedUrl);

        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
        var head = $"PUT {link.PathAndQuery} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Length: {Size}\r\nConnection: close\r\n\r\n";
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        return tcp;
    }

    private static async Task<string> ReadToEndAsync(TcpClient tcp)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var buffer = new MemoryStream();
        await tcp.GetStream().CopyToAsync(buffer, cancel.Token);
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    /// <summary>Every file the blob store holds, temporary ones included.</summary>
    private static string[] BlobFiles(WorkDir dir) =>
        Directory.Exists(dir["data/blobs"]) ? Directory.GetFiles(dir["data/blobs"], "*", SearchOption.AllDirectories) : [];
}
