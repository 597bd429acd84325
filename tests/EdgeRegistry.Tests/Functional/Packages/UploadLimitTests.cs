using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>A server that accepts packages of at most 1 MiB (<c>EdgeRegistry:MaxPackageBytes</c>).</summary>
public sealed class OneMebibyteServerFixture : ServerFixture
{
    public const int Limit = 1024 * 1024;

    protected override TestServerOptions Options => new()
    {
        Settings = new Dictionary<string, string?> { ["EdgeRegistry:MaxPackageBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };
}

/// <summary>
/// Uploads that must leave nothing behind: over the size limit (announced or chunked), a connection dropped
/// mid-body; and two uploads racing to the same object. "Nothing" is checked three ways: the object answers
/// NoSuchKey, no blob file was added, no temp file is left.
/// </summary>
public sealed class UploadLimitTests(OneMebibyteServerFixture fixture) : IClassFixture<OneMebibyteServerFixture>
{
    private const int Limit = OneMebibyteServerFixture.Limit;

    private readonly RpcTestClient _client = fixture.Client;

    private TestServer Server => fixture.Server;

    private async Task<(string DriverId, PresignedObject Presigned)> PresignedAsync()
    {
        var id = await _client.CreateDriverAsync();
        return (id, await _client.PresignAsync(id, "1.0"));
    }

    private async Task AssertNotStored(string driverId, PresignedObject presigned, IReadOnlyList<string> blobsBefore)
    {
        OssAssert.Error(await _client.GetObjectAsync(Server.DownloadLink(presigned.OssAddress)), 404, "NoSuchKey");
        var create = await _client.CallAsync("CreateEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0"),
            ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));
        RpcAssert.InvalidParam(create, "SourceConfig.ossAddress", "not completed");
        Assert.Equal(blobsBefore, await Server.BlobIdsAsync());
        Assert.Empty(Server.TempFiles());
    }

    [Fact]
    public async Task Exactly_the_limit_is_accepted()
    {
        var (_, presigned) = await PresignedAsync();
        var bytes = PackageCalls.RandomBytes(Limit);

        Assert.Equal(200, (await _client.PutAsync(presigned.PresignedUrl, bytes)).Status);

        OssAssert.Object(await _client.GetObjectAsync(Server.DownloadLink(presigned.OssAddress)), bytes);
    }

    [Fact]
    public async Task One_byte_over_the_limit_with_a_Content_Length_is_EntityTooLarge_and_nothing_is_stored()
    {
        var (id, presigned) = await PresignedAsync();
        var blobs = await Server.BlobIdsAsync();

        var put = await _client.PutAsync(presigned.PresignedUrl, PackageCalls.RandomBytes(Limit + 1));

        Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), OssAssert.Error(put, 400, "EntityTooLarge"), StringComparison.Ordinal);
        await AssertNotStored(id, presigned, blobs);
    }

    [Fact]
    public async Task One_byte_over_the_limit_chunked_without_a_Content_Length_is_EntityTooLarge_and_nothing_is_stored()
    {
        var (id, presigned) = await PresignedAsync();
        var blobs = await Server.BlobIdsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, presigned.PresignedUrl) { Content = new UnknownLengthContent(PackageCalls.RandomBytes(Limit + 1)) };

        var put = await _client.SendObjectAsync(request);

        OssAssert.Error(put, 400, "EntityTooLarge");
        await AssertNotStored(id, presigned, blobs);
    }

    [Fact]
    public async Task A_chunked_upload_within_the_limit_is_stored()
    {
        var (_, presigned) = await PresignedAsync();
        var bytes = PackageCalls.RandomBytes(Limit);
        using var request = new HttpRequestMessage(HttpMethod.Put, presigned.PresignedUrl) { Content = new UnknownLengthContent(bytes) };

        Assert.Equal(200, (await _client.SendObjectAsync(request)).Status);

        OssAssert.Object(await _client.GetObjectAsync(Server.DownloadLink(presigned.OssAddress)), bytes);
    }

    [Fact]
    public async Task A_refused_reupload_leaves_the_stored_object_as_it_was()
    {
        var (_, presigned) = await PresignedAsync();
        var bytes = PackageCalls.RandomBytes(1000);
        Assert.Equal(200, (await _client.PutAsync(presigned.PresignedUrl, bytes)).Status);
        var blobs = await Server.BlobIdsAsync();

        OssAssert.Error(await _client.PutAsync(presigned.PresignedUrl, PackageCalls.RandomBytes(Limit + 1)), 400, "EntityTooLarge");

        OssAssert.Object(await _client.GetObjectAsync(Server.DownloadLink(presigned.OssAddress)), bytes);
        Assert.Equal(blobs, await Server.BlobIdsAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_connection_dropped_mid_upload_leaves_nothing_and_a_later_upload_works(bool reset)
    {
        var (id, presigned) = await PresignedAsync();
        var blobs = await Server.BlobIdsAsync();
        var uri = new Uri(presigned.PresignedUrl);

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, uri.Port);
            var stream = tcp.GetStream();
            var head = $"PUT {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/zip\r\nContent-Length: {Limit}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(PackageCalls.RandomBytes(Limit / 2));
            await stream.FlushAsync();
            // Let the server start writing the body before the client goes away.
            await Task.Delay(200);
            if (reset)
            {
                tcp.Client.LingerState = new LingerOption(true, 0);
            }
        }

        // The server notices the drop asynchronously: wait (bounded) for its temp file to go.
        for (var i = 0; i < 50 && Server.TempFiles().Count > 0; i++)
        {
            await Task.Delay(100);
        }

        await AssertNotStored(id, presigned, blobs);
        var bytes = PackageCalls.RandomBytes(Limit);
        Assert.Equal(200, (await _client.PutAsync(presigned.PresignedUrl, bytes)).Status);
        OssAssert.Object(await _client.GetObjectAsync(Server.DownloadLink(presigned.OssAddress)), bytes);
        Assert.Single((await Server.BlobIdsAsync()).Except(blobs));
    }

    [Fact]
    public async Task Two_concurrent_uploads_to_one_object_both_succeed_and_exactly_one_body_wins_whole()
    {
        var (_, presigned) = await PresignedAsync();
        var blobs = await Server.BlobIdsAsync();
        var first = PackageCalls.RandomBytes(Limit);
        var second = PackageCalls.RandomBytes(Limit);
        // Each body sends its first half, then waits until the other has sent its first half too.
        var halfway = new CountdownEvent(2);
        using var a = new HttpRequestMessage(HttpMethod.Put, presigned.PresignedUrl) { Content = new GatedContent(first, halfway) };
        using var b = new HttpRequestMessage(HttpMethod.Put, presigned.PresignedUrl) { Content = new GatedContent(second, halfway) };

        var answers = await Task.WhenAll(_client.SendObjectAsync(a), _client.SendObjectAsync(b));

        Assert.All(answers, answer => Assert.True(answer.Status == 200, answer.ToString()));
        var stored = await _client.GetObjectAsync(Server.DownloadLink(presigned.OssAddress));
        Assert.Equal(200, stored.Status);
        var sha = PackageCalls.Sha256Hex(stored.Body);
        Assert.Contains(sha, new[] { PackageCalls.Sha256Hex(first), PackageCalls.Sha256Hex(second) });
        OssAssert.Object(stored, sha == PackageCalls.Sha256Hex(first) ? first : second);
        Assert.Single((await Server.BlobIdsAsync()).Except(blobs));
        Assert.Equal(blobs.Count + 1, (await Server.BlobIdsAsync()).Count);
        Assert.Empty(Server.TempFiles());
    }

    /// <summary>A body of unknown length: HttpClient sends it chunked, with no Content-Length.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Sends half, signals, waits for the other upload's half, sends the rest.</summary>
    private sealed class GatedContent(byte[] bytes, CountdownEvent halfway) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = bytes.Length / 2;
            await stream.WriteAsync(bytes.AsMemory(0, half));
            await stream.FlushAsync();
            halfway.Signal();
            await Task.Run(() => halfway.Wait(TimeSpan.FromSeconds(10)));
            await stream.WriteAsync(bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
