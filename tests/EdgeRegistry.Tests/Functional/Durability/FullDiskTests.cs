using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Durability;

/// <summary>
/// README "Storage limits": a server whose data dir's disk fills up during an upload answers 507 InsufficientStorage
/// in OSS's XML, keeps no partial file (temp or blob), and goes on serving reads and smaller uploads. Run on a real
/// 8 MiB tmpfs.
/// </summary>
public sealed class FullDiskTests : IAsyncLifetime
{
    private SmallFilesystem _disk = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _disk = SmallFilesystem.Mount(8);
        _server = await TestServer.StartAsync(new TestServerOptions
        {
            Settings = new Dictionary<string, string?> { ["EdgeRegistry:DataDir"] = Path.Combine(_disk.Path, "data") },
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _disk.Dispose();
    }

    private string BlobDir => Path.Combine(_disk.Path, "data", "blobs");

    private IReadOnlyList<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task An_upload_that_fills_the_disk_answers_507_stores_nothing_and_reads_go_on()
    {
        var client = _server.Client;
        var driverId = await client.CreateDriverAsync();
        var kept = PackageCalls.RandomBytes(500_000);
        var keptAddress = await client.UploadPackageAsync(driverId, "1.0", kept);
        await client.CreateVersionAsync(driverId, "1.0", ("SourceConfig", PackageCalls.SourceConfig(keptAddress)));
        var blobsBefore = Files(BlobDir);
        var tooBig = await client.PresignAsync(driverId, "2.0");
        Assert.True(_disk.FreeBytes < 12_000_000, $"the test filesystem has {_disk.FreeBytes} bytes free");

        var put = await client.PutAsync(tooBig.PresignedUrl, PackageCalls.RandomBytes(12_000_000));

        Assert.Contains("disk is full", OssAssert.Error(put, 507, "InsufficientStorage"), StringComparison.Ordinal);
        Assert.Equal(blobsBefore, Files(BlobDir));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(BlobDir, "tmp")));
        OssAssert.Error(await client.GetObjectAsync(_server.DownloadLink(tooBig.OssAddress)), 404, "NoSuchKey");

        // Reads go on: the listing, the version, its package.
        var link = await client.TemporaryAddressAsync(driverId, "1.0");
        Assert.Equal(kept, (await client.GetObjectAsync(link)).Body);
        RpcAssert.Success(await client.QueryVersionsAsync(driverId, 1, 30));
        // And the space the refused upload took is free again: a smaller one fits.
        var small = PackageCalls.RandomBytes(100_000);
        Assert.Equal(200, (await client.PutAsync(tooBig.PresignedUrl, small)).Status);
        Assert.Equal(small, (await client.GetObjectAsync(_server.DownloadLink(tooBig.OssAddress))).Body);
    }
}
