using EdgeRegistry.Packages;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>
/// Packages under server settings and lifetimes: <c>--public-url</c>, a restart on the same data dir, an in-memory
/// server, and the orphan sweep with a short <c>OrphanObjectTtl</c>. Each test runs its own server.
/// </summary>
public sealed class PackageServerTests
{
    private const string ProxyBase = "http://proxy.example:9000/registry";

    private static async Task<string> VersionWithPackageAsync(RpcTestClient client, string id, string version, byte[] bytes)
    {
        var address = await client.UploadPackageAsync(id, version, bytes);
        await client.CreateVersionAsync(id, version, ("SourceConfig", PackageCalls.SourceConfig(address)));
        return address;
    }

    /// <summary>What a proxy at <see cref="ProxyBase"/> would send on: the same path and query, without the prefix.</summary>
    private static string ThroughProxy(TestServer server, string url)
    {
        Assert.StartsWith(ProxyBase + "/oss/", url, StringComparison.Ordinal);
        return server.BaseUri.GetLeftPart(UriPartial.Authority) + url[ProxyBase.Length..];
    }

    [Fact]
    public async Task With_a_public_URL_every_address_is_under_it_and_its_path_is_served()
    {
        await using var server = await TestServer.StartAsync(new() { Settings = new Dictionary<string, string?> { ["EdgeRegistry:PublicUrl"] = ProxyBase } });
        var client = server.Client;
        var id = await client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(4000);

        var presigned = await client.PresignAsync(id, "1.0");

        Assert.StartsWith(ProxyBase + "/oss/driver/", presigned.OssAddress, StringComparison.Ordinal);
        Assert.StartsWith(presigned.OssAddress + "?Expires=", presigned.PresignedUrl, StringComparison.Ordinal);
        Assert.Equal(200, (await client.PutAsync(ThroughProxy(server, presigned.PresignedUrl), bytes)).Status);
        OssAssert.Object(await client.GetObjectAsync(ThroughProxy(server, server.DownloadLink(presigned.OssAddress))), bytes);
    }

    [Fact]
    public async Task With_a_public_URL_the_OssAddress_handed_out_is_accepted_in_SourceConfig_and_the_link_is_under_it()
    {
        await using var server = await TestServer.StartAsync(new() { Settings = new Dictionary<string, string?> { ["EdgeRegistry:PublicUrl"] = ProxyBase } });
        var client = server.Client;
        var id = await client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(4000);
        var presigned = await client.PresignAsync(id, "1.0");
        Assert.Equal(200, (await client.PutAsync(ThroughProxy(server, presigned.PresignedUrl), bytes)).Status);

        var create = await client.CallAsync("CreateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0"),
            ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));

        RpcAssert.Success(create);
        var link = await client.TemporaryAddressAsync(id, "1.0");
        Assert.StartsWith(presigned.OssAddress + "?Expires=", link, StringComparison.Ordinal);
        OssAssert.Object(await client.GetObjectAsync(ThroughProxy(server, link)), bytes);
    }

    [Fact]
    public async Task A_public_URL_without_a_path_replaces_the_listen_address()
    {
        await using var server = await TestServer.StartAsync(new() { Settings = new Dictionary<string, string?> { ["EdgeRegistry:PublicUrl"] = "https://registry.example.com" } });
        var client = server.Client;
        var id = await client.CreateDriverAsync();
        var presigned = await client.PresignAsync(id, "1.0");
        Assert.StartsWith("https://registry.example.com/oss/driver/", presigned.OssAddress, StringComparison.Ordinal);
        var local = server.BaseUri.GetLeftPart(UriPartial.Authority) + presigned.PresignedUrl["https://registry.example.com".Length..];
        Assert.Equal(200, (await client.PutAsync(local, [1, 2, 3])).Status);

        await client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));

        Assert.StartsWith("https://registry.example.com/oss/driver/", await client.TemporaryAddressAsync(id, "1.0"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_and_objects_survive_a_restart_on_the_same_data_dir()
    {
        await using var server = await TestServer.StartAsync();
        var id = await server.Client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(10_000);
        var address = await VersionWithPackageAsync(server.Client, id, "1.0", bytes);
        var download = await server.Client.TemporaryAddressAsync(id, "1.0");
        var upload = await server.Client.PresignAsync(id, "2.0");
        var blobs = await server.BlobIdsAsync();

        await server.StopAsync();
        await server.StartAgainAsync();
        server.Clock!.Advance(TimeSpan.FromSeconds(60));

        // Same port is not promised: the old links are replayed against the new one, path and query unchanged.
        string Here(string url) => server.BaseUri.GetLeftPart(UriPartial.Authority) + new Uri(url).PathAndQuery;
        OssAssert.Object(await server.Client.GetObjectAsync(Here(download)), bytes);
        var newBytes = PackageCalls.RandomBytes(20);
        Assert.Equal(200, (await server.Client.PutAsync(Here(upload.PresignedUrl), newBytes)).Status);
        await server.Client.CreateVersionAsync(id, "2.0", ("SourceConfig", PackageCalls.SourceConfig(Here(upload.OssAddress))));
        OssAssert.Object(await server.Client.GetObjectAsync(await server.Client.TemporaryAddressAsync(id, "2.0")), newBytes);
        Assert.Equal(blobs.Count + 1, (await server.BlobIdsAsync()).Count);
        Assert.NotNull(address);
    }

    [Fact]
    public async Task The_link_key_id_is_the_same_after_a_restart()
    {
        await using var server = await TestServer.StartAsync();
        var id = await server.Client.CreateDriverAsync();
        var before = await server.Client.PresignAsync(id, "1.0");

        await server.StopAsync();
        await server.StartAgainAsync();
        server.Clock!.Advance(TimeSpan.FromMilliseconds(1));
        var after = await server.Client.PresignAsync(id, "1.0");

        static string KeyId(string url) => System.Text.RegularExpressions.Regex.Match(url, "OSSAccessKeyId=([^&]+)").Groups[1].Value;
        Assert.Equal(KeyId(before.PresignedUrl), KeyId(after.PresignedUrl));
    }

    [Fact]
    public async Task An_in_memory_server_runs_the_whole_flow_and_writes_nothing_to_disk()
    {
        await using var server = await TestServer.StartAsync(new() { InMemory = true });
        var client = server.Client;
        var id = await client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(100_000);
        var config = "{\"a\":1}"u8.ToArray();

        var presigned = await client.PresignAsync(id, "1.0");
        Assert.Equal(200, (await client.PutAsync(presigned.PresignedUrl, bytes, "application/zip")).Status);
        var configAddress = await client.UploadDefaultConfigAsync(id, "1.0", config);
        await client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)), ("DriverConfig", PackageCalls.FileConfig(configAddress)));
        var link = await client.TemporaryAddressAsync(id, "1.0");

        OssAssert.Object(await client.GetObjectAsync(link), bytes, "application/zip");
        var range = await client.GetObjectAsync(link, "GET", ("Range", "bytes=100-199"));
        Assert.Equal(206, range.Status);
        Assert.Equal(bytes[100..200], range.Body);
        OssAssert.Object(await client.GetObjectAsync(server.DownloadLink(configAddress)), config);
        await client.ReleaseAsync(id, "1.0");
        OssAssert.Error(await client.PutAsync(presigned.PresignedUrl, [1]), 403, "AccessDenied");

        var other = await client.CreateDriverAsync();
        var doomed = await VersionWithPackageAsync(client, other, "1.0", [1, 2, 3]);
        RpcAssert.Success(await client.CallAsync("DeleteEdgeDriver", ("DriverId", other)));
        OssAssert.Error(await client.GetObjectAsync(server.DownloadLink(doomed)), 404, "NoSuchKey");
        Assert.False(Directory.Exists(server.DataDir), "An in-memory server must not create its data dir.");
    }

    [Fact]
    public async Task Objects_no_version_names_are_swept_once_older_than_OrphanObjectTtl()
    {
        await using var server = await TestServer.StartAsync(new() { Settings = new Dictionary<string, string?> { ["EdgeRegistry:OrphanObjectTtl"] = "60s" } });
        var client = server.Client;
        var sweeper = server.Services.GetRequiredService<OrphanSweeper>();
        var id = await client.CreateDriverAsync();
        var orphan = await client.UploadPackageAsync(id, "1.0");
        var neverUploaded = await client.PresignAsync(id, "1.0", fileName: "never.zip");
        var referenced = await VersionWithPackageAsync(client, id, "2.0", [7, 7, 7]);
        var droppedLater = await VersionWithPackageAsync(client, id, "3.0", [8, 8]);
        var blobs = await server.BlobIdsAsync();
        Assert.Equal(3, blobs.Count);

        server.Clock!.Advance(TimeSpan.FromSeconds(59));
        await sweeper.SweepAsync(CancellationToken.None);
        Assert.Equal(200, (await client.GetObjectAsync(server.DownloadLink(orphan))).Status);
        Assert.Equal(blobs, await server.BlobIdsAsync());

        // 3.0 stops naming its package: from now on it is an orphan, and old enough already.
        RpcAssert.Success(await client.CallAsync("UpdateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "3.0"), ("EdgeVersion", "2.4.0")));
        server.Clock.Advance(TimeSpan.FromSeconds(2));
        await sweeper.SweepAsync(CancellationToken.None);

        OssAssert.Error(await client.GetObjectAsync(server.DownloadLink(orphan)), 404, "NoSuchKey");
        OssAssert.Error(await client.GetObjectAsync(server.DownloadLink(droppedLater)), 404, "NoSuchKey");
        OssAssert.Error(await client.PutAsync(neverUploaded.PresignedUrl, [1]), 404, "NoSuchKey");
        OssAssert.Object(await client.GetObjectAsync(await client.TemporaryAddressAsync(id, "2.0")), [7, 7, 7]);
        Assert.Single(await server.BlobIdsAsync());
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.NotNull(referenced);
    }

    [Fact]
    public async Task A_fresh_presign_is_not_swept_even_when_older_objects_are()
    {
        await using var server = await TestServer.StartAsync(new() { Settings = new Dictionary<string, string?> { ["EdgeRegistry:OrphanObjectTtl"] = "60s" } });
        var client = server.Client;
        var id = await client.CreateDriverAsync();
        var old = await client.UploadPackageAsync(id, "1.0");
        server.Clock!.Advance(TimeSpan.FromSeconds(50));
        var fresh = await client.PresignAsync(id, "1.0", fileName: "fresh.zip");
        server.Clock.Advance(TimeSpan.FromSeconds(20));

        await server.Services.GetRequiredService<OrphanSweeper>().SweepAsync(CancellationToken.None);

        OssAssert.Error(await client.GetObjectAsync(server.DownloadLink(old)), 404, "NoSuchKey");
        // Still within its 300 s link and its 60 s of grace: the upload works and the object can be named.
        Assert.Equal(200, (await client.PutAsync(fresh.PresignedUrl, [1])).Status);
        await client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(fresh.OssAddress)));
    }
}
