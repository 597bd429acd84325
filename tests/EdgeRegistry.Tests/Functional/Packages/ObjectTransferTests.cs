using System.Security.Cryptography;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>
/// The object URLs as a store: PUT to a presigned link, GET/HEAD of the temporaryOssAddress with the headers OSS
/// sends (Content-Length, ETag, Content-Type, x-oss-hash-sha256) and Range; Content-MD5; re-uploads. The tests of
/// one class run one at a time, so blob-file counts of the class's server are exact.
/// </summary>
public sealed class ObjectTransferTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    /// <summary>A driver with version 1.0 naming a package just uploaded with these bytes; returns what a test needs.</summary>
    private async Task<(string DriverId, PresignedObject Presigned, string Link)> StoredAsync(byte[] bytes, string? contentType = null)
    {
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "1.0");
        var put = await _client.PutAsync(presigned.PresignedUrl, bytes, contentType);
        Assert.True(put.Status == 200, put.ToString());
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));
        return (id, presigned, await _client.TemporaryAddressAsync(id, "1.0"));
    }

    [Fact]
    public async Task PUT_answers_the_ETag_and_SHA256_and_GET_returns_the_same_bytes_with_their_headers()
    {
        var bytes = PackageCalls.RandomBytes(300_000);
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "1.0");

        var put = await _client.PutAsync(presigned.PresignedUrl, bytes, "application/zip");

        Assert.True(put.Status == 200, put.ToString());
        Assert.Empty(put.Body);
        Assert.Equal(PackageCalls.ETagOf(bytes), put.Header("etag"));
        Assert.Equal(PackageCalls.Sha256Hex(bytes), put.Header("x-oss-hash-sha256"));
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));
        var get = await _client.GetObjectAsync(await _client.TemporaryAddressAsync(id, "1.0"));
        OssAssert.Object(get, bytes, "application/zip");
        Assert.Equal("bytes", get.Header("accept-ranges"));
        Assert.NotNull(get.Header("last-modified"));
    }

    [Fact]
    public async Task Without_a_Content_Type_the_object_is_application_octet_stream()
    {
        var bytes = PackageCalls.RandomBytes(10);
        var (_, _, link) = await StoredAsync(bytes);

        OssAssert.Object(await _client.GetObjectAsync(link), bytes, "application/octet-stream");
    }

    [Fact]
    public async Task An_empty_object_is_stored_and_read_back()
    {
        var (_, _, link) = await StoredAsync([]);

        var get = await _client.GetObjectAsync(link);

        OssAssert.Object(get, []);
        Assert.Equal("\"D41D8CD98F00B204E9800998ECF8427E\"", get.Header("etag"));
    }

    [Fact]
    public async Task A_Range_gives_206_with_Content_Range_and_exactly_those_bytes()
    {
        var bytes = PackageCalls.RandomBytes(1000);
        var (_, _, link) = await StoredAsync(bytes);

        var middle = await _client.GetObjectAsync(link, "GET", ("Range", "bytes=10-19"));
        var suffix = await _client.GetObjectAsync(link, "GET", ("Range", "bytes=-7"));
        var open = await _client.GetObjectAsync(link, "GET", ("Range", "bytes=995-"));
        var beyond = await _client.GetObjectAsync(link, "GET", ("Range", "bytes=990-5000"));

        AssertPartial(middle, bytes, 10, 19);
        AssertPartial(suffix, bytes, 993, 999);
        AssertPartial(open, bytes, 995, 999);
        AssertPartial(beyond, bytes, 990, 999);
    }

    private static void AssertPartial(ObjectResponse response, byte[] bytes, int first, int last)
    {
        Assert.True(response.Status == 206, response.ToString());
        Assert.Equal($"bytes {first}-{last}/{bytes.Length}", response.Header("content-range"));
        Assert.Equal((last - first + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("content-length"));
        Assert.Equal(bytes[first..(last + 1)], response.Body);
        Assert.Equal(PackageCalls.ETagOf(bytes), response.Header("etag"));
    }

    [Fact]
    public async Task An_unsatisfiable_Range_is_416()
    {
        var bytes = PackageCalls.RandomBytes(100);
        var (_, _, link) = await StoredAsync(bytes);

        var response = await _client.GetObjectAsync(link, "GET", ("Range", "bytes=100-"));

        Assert.Equal(416, response.Status);
        Assert.Equal("bytes */100", response.Header("content-range"));
    }

    [Fact]
    public async Task HEAD_gives_the_headers_without_the_bytes()
    {
        var bytes = PackageCalls.RandomBytes(5000);
        var (_, _, link) = await StoredAsync(bytes, "application/zip");

        var head = await _client.GetObjectAsync(link, "HEAD");

        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
        Assert.Equal("5000", head.Header("content-length"));
        Assert.Equal(PackageCalls.ETagOf(bytes), head.Header("etag"));
        Assert.Equal(PackageCalls.Sha256Hex(bytes), head.Header("x-oss-hash-sha256"));
        Assert.Equal("application/zip", head.Header("content-type"));
    }

    [Fact]
    public async Task If_None_Match_with_the_ETag_is_304()
    {
        var bytes = PackageCalls.RandomBytes(50);
        var (_, _, link) = await StoredAsync(bytes);

        var response = await _client.GetObjectAsync(link, "GET", ("If-None-Match", PackageCalls.ETagOf(bytes)));

        Assert.Equal(304, response.Status);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task A_right_Content_MD5_is_accepted()
    {
        var bytes = PackageCalls.RandomBytes(4096);
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "1.0");

        var put = await _client.PutAsync(presigned.PresignedUrl, bytes, contentMd5: Convert.ToBase64String(MD5.HashData(bytes)));

        Assert.True(put.Status == 200, put.ToString());
        OssAssert.Object(await _client.GetObjectAsync(fixture.Server.DownloadLink(presigned.OssAddress)), bytes);
    }

    [Theory]
    [InlineData(false, 400, "BadDigest")]
    [InlineData(true, 400, "InvalidDigest")]
    public async Task A_wrong_Content_MD5_is_BadDigest_a_malformed_one_InvalidDigest_and_nothing_is_stored(bool malformed, int status, string code)
    {
        var bytes = PackageCalls.RandomBytes(4096);
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "1.0");
        var blobs = await fixture.Server.BlobIdsAsync();
        var md5 = malformed ? "not-base64-md5" : Convert.ToBase64String(MD5.HashData(PackageCalls.RandomBytes(16)));

        var put = await _client.PutAsync(presigned.PresignedUrl, bytes, contentMd5: md5);

        OssAssert.Error(put, status, code);
        OssAssert.Error(await _client.GetObjectAsync(fixture.Server.DownloadLink(presigned.OssAddress)), 404, "NoSuchKey");
        Assert.Equal(blobs, await fixture.Server.BlobIdsAsync());
        Assert.Empty(fixture.Server.TempFiles());
        // A Content-MD5 of 15 bytes is malformed too, not merely wrong.
        if (malformed)
        {
            OssAssert.Error(await _client.PutAsync(presigned.PresignedUrl, bytes, contentMd5: Convert.ToBase64String(new byte[15])), 400, "InvalidDigest");
        }
    }

    [Fact]
    public async Task A_reupload_replaces_the_object_while_no_published_version_names_it_and_its_old_bytes_are_deleted()
    {
        var first = PackageCalls.RandomBytes(2000);
        var second = PackageCalls.RandomBytes(3000);
        var (id, presigned, _) = await StoredAsync(first);
        var blobsBefore = await fixture.Server.BlobIdsAsync();

        // The unpublished version 1.0 names the object: a new upload still replaces it.
        var put = await _client.PutAsync(presigned.PresignedUrl, second);

        Assert.True(put.Status == 200, put.ToString());
        OssAssert.Object(await _client.GetObjectAsync(await _client.TemporaryAddressAsync(id, "1.0")), second);
        var blobsAfter = await fixture.Server.BlobIdsAsync();
        Assert.Equal(blobsBefore.Count, blobsAfter.Count);
        Assert.Single(blobsBefore.Except(blobsAfter));
    }

    [Fact]
    public async Task Once_a_published_version_names_the_object_a_reupload_is_AccessDenied_and_the_bytes_stay()
    {
        var bytes = PackageCalls.RandomBytes(2000);
        var (id, presigned, _) = await StoredAsync(bytes);
        await _client.ReleaseAsync(id, "1.0");
        var blobs = await fixture.Server.BlobIdsAsync();

        var put = await _client.PutAsync(presigned.PresignedUrl, PackageCalls.RandomBytes(2000));

        OssAssert.Error(put, 403, "AccessDenied", "published");
        OssAssert.Object(await _client.GetObjectAsync(await _client.TemporaryAddressAsync(id, "1.0")), bytes);
        Assert.Equal(blobs, await fixture.Server.BlobIdsAsync());
        Assert.Empty(fixture.Server.TempFiles());
    }

    [Fact]
    public async Task A_default_config_file_is_stored_and_served_like_a_package()
    {
        var bytes = "{\"slaveId\":1,\"port\":\"/dev/ttyS0\"}"u8.ToArray();
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "1.0", PackageCalls.DefaultConfigType, "default.json");

        Assert.Equal(200, (await _client.PutAsync(presigned.PresignedUrl, bytes, "application/json")).Status);

        OssAssert.Object(await _client.GetObjectAsync(fixture.Server.DownloadLink(presigned.OssAddress)), bytes, "application/json");
    }
}
