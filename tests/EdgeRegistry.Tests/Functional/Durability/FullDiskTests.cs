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

    [Fact]
    public async Task A_write_on_a_full_disk_answers_503_ServiceUnavailable_and_succeeds_once_there_is_room()
    {
        var client = _server.Client;
        var driverId = await client.CreateDriverAsync();
        var filler = Path.Combine(_disk.Path, "filler");
        FillUp(filler);

        // SQLite may still have room in pages it already holds: write until one needs more.
        var rule = $"{{\"deviceConfig\":{{\"note\":\"{new string('d', 60_000)}\"}}}}";
        RpcResponse? refused = null;
        var refusedVersion = "";
        for (var i = 0; i < 400 && refused is null; i++)
        {
            refusedVersion = $"1.0.{i}";
            var answer = await client.CallAsync("CreateEdgeDriverVersion",
                ("DriverId", driverId), ("DriverVersion", refusedVersion), ("EdgeVersion", "2.4.0"), ("ConfigCheckRule", rule));
            if (answer.Code != "Success")
            {
                refused = answer;
            }
        }

        Assert.NotNull(refused);
        RpcAssert.GatewayError(refused, 503, "ServiceUnavailable");
        // Nothing of the refused write was kept, and reads go on.
        Assert.Empty(Listings.VersionItems(await client.QueryVersionsAsync(driverId, 1, 10, ("DriverVersion", refusedVersion))));

        File.Delete(filler);
        await client.CreateVersionAsync(driverId, "2.0.0", ("ConfigCheckRule", rule));
        Assert.Contains("2.0.0", Listings.VersionNames(await client.QueryVersionsAsync(driverId, 1, 10)));
    }

    /// <summary>Writes zeros to <paramref name="path"/> until the filesystem has no room left.</summary>
    private static void FillUp(string path)
    {
        using var file = File.Create(path);
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                file.Write(chunk);
                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // No space left on the device: full.
        }
    }
}
