using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// The server's origin also serves the console, so an uploaded package must never come back as something a browser
/// renders: only a short list of package types is kept, every download is an attachment, and nothing is sniffed.
/// Before, a text/html upload was served inline (stored XSS) and a DEL in Content-Type made every download a 500.
/// </summary>
public sealed class DownloadHeadersTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    [Theory]
    [InlineData("text/html", "application/octet-stream")]
    [InlineData("text/html; charset=utf-8", "application/octet-stream")]
    [InlineData("image/svg+xml", "application/octet-stream")]
    [InlineData("application/xhtml+xml", "application/octet-stream")]
    [InlineData("text/javascript", "application/octet-stream")]
    [InlineData("Application/ZIP", "application/zip")]
    [InlineData("application/gzip", "application/gzip")]
    [InlineData("text/plain; charset=utf-8", "text/plain")]
    public async Task A_download_is_an_attachment_of_a_safe_type_that_is_not_sniffed(string uploaded, string served)
    {
        var bytes = "<script>alert(document.cookie)</script>"u8.ToArray();
        var link = await StoredAsync(bytes, "page.zip", presigned => _client.PutAsync(presigned.PresignedUrl, bytes, uploaded));

        foreach (var method in new[] { "GET", "HEAD" })
        {
            var get = await _client.GetObjectAsync(link, method);
            Assert.True(get.Status == 200, get.ToString());
            Assert.Equal(served, get.Header("content-type"));
            Assert.Equal("nosniff", get.Header("x-content-type-options"));
            Assert.Equal("attachment; filename=page.zip; filename*=UTF-8''page.zip", get.Header("content-disposition"));
        }
    }

    [Fact]
    public async Task A_control_character_in_the_uploaded_type_stores_the_package_and_downloads_it()
    {
        var bytes = PackageCalls.RandomBytes(64);
        var link = await StoredAsync(bytes, "driver.zip", async presigned =>
        {
            var uri = new Uri(presigned.PresignedUrl);
            using var raw = await RawHttp.StartAsync(uri, "PUT", uri.PathAndQuery, "Content-Type: application/zip\x7f", $"Content-Length: {bytes.Length}");
            await raw.SendAsync(bytes);
            var answer = await raw.ReadResponseAsync();
            return new ObjectResponse((int)answer.Status, answer.Headers, []);
        });

        var get = await _client.GetObjectAsync(link);
        OssAssert.Object(get, bytes, "application/octet-stream");
    }

    [Fact]
    public async Task Object_errors_are_not_sniffed_either()
    {
        var get = await _client.GetObjectAsync(new Uri(fixture.Server.BaseUri, "/oss/driver/nothing").ToString());
        Assert.Equal(403, get.Status);
        Assert.Equal("nosniff", get.Header("x-content-type-options"));
    }

    private async Task<string> StoredAsync(byte[] bytes, string fileName, Func<PresignedObject, Task<ObjectResponse>> put)
    {
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "1.0", fileName: fileName);
        var stored = await put(presigned);
        Assert.True(stored.Status == 200, stored.ToString());
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));
        return await _client.TemporaryAddressAsync(id, "1.0");
    }
}
