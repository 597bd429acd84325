using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>
/// Deleting a version or a driver deletes its objects and their blob files; an object another version still
/// names survives. Blob-file counts are exact: the tests of a class run one at a time on the class's server.
/// </summary>
public sealed class PackageDeletionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private TestServer Server => fixture.Server;

    private sealed record Objects(string Package, string Config, string Unreferenced, PresignedObject NeverUploaded);

    /// <summary>A version naming an uploaded package and default config, plus an upload and a presign no version names.</summary>
    private async Task<Objects> VersionWithObjectsAsync(string id, string version)
    {
        var package = await _client.UploadPackageAsync(id, version);
        var config = await _client.UploadDefaultConfigAsync(id, version);
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var unreferenced = await _client.UploadPackageAsync(id, version);
        var pending = await _client.PresignAsync(id, version, fileName: "pending.zip");
        await _client.CreateVersionAsync(id, version, ("SourceConfig", PackageCalls.SourceConfig(package)), ("DriverConfig", PackageCalls.FileConfig(config)));
        return new Objects(package, config, unreferenced, pending);
    }

    private async Task AssertGone(Objects objects)
    {
        foreach (var address in new[] { objects.Package, objects.Config, objects.Unreferenced, objects.NeverUploaded.OssAddress })
        {
            OssAssert.Error(await _client.GetObjectAsync(Server.DownloadLink(address)), 404, "NoSuchKey");
        }

        OssAssert.Error(await _client.PutAsync(objects.NeverUploaded.PresignedUrl, [1]), 404, "NoSuchKey");
    }

    private async Task AssertPresent(params string[] addresses)
    {
        foreach (var address in addresses)
        {
            Assert.Equal(200, (await _client.GetObjectAsync(Server.DownloadLink(address))).Status);
        }
    }

    [Fact]
    public async Task Deleting_a_version_deletes_its_objects_and_their_files()
    {
        var id = await _client.CreateDriverAsync();
        var doomed = await VersionWithObjectsAsync(id, "1.0");
        var kept = await VersionWithObjectsAsync(id, "2.0");
        var link = await _client.TemporaryAddressAsync(id, "1.0");
        var blobs = await Server.BlobIdsAsync();

        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "1.0")));

        OssAssert.Error(await _client.GetObjectAsync(link), 404, "NoSuchKey");
        await AssertGone(doomed);
        Assert.Equal(blobs.Count - 3, (await Server.BlobIdsAsync()).Count);
        await AssertPresent(kept.Package, kept.Config, kept.Unreferenced);
        // The version's name can be used again, with a new package.
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(await _client.UploadPackageAsync(id, "1.0"))));
    }

    [Fact]
    public async Task Deleting_a_driver_deletes_all_its_objects_and_no_one_else_s()
    {
        var id = await _client.CreateDriverAsync();
        var other = await _client.CreateDriverAsync();
        var first = await VersionWithObjectsAsync(id, "1.0");
        var second = await VersionWithObjectsAsync(id, "2.0");
        var notYetAVersion = await _client.UploadPackageAsync(id, "3.0");
        var others = await VersionWithObjectsAsync(other, "1.0");
        var blobs = await Server.BlobIdsAsync();

        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", id)));

        await AssertGone(first);
        await AssertGone(second);
        OssAssert.Error(await _client.GetObjectAsync(Server.DownloadLink(notYetAVersion)), 404, "NoSuchKey");
        Assert.Equal(blobs.Count - 7, (await Server.BlobIdsAsync()).Count);
        await AssertPresent(others.Package, others.Config, others.Unreferenced);
    }

    [Fact]
    public async Task A_driver_that_cannot_be_deleted_keeps_its_objects()
    {
        var id = await _client.CreateDriverAsync();
        var objects = await VersionWithObjectsAsync(id, "1.0");
        await _client.ReleaseAsync(id, "1.0");
        var blobs = await Server.BlobIdsAsync();

        RpcAssert.BusinessError(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", id)), "iot.edge.DriverHasPublishedVersion");
        RpcAssert.BusinessError(await _client.CallAsync("DeleteEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "1.0")), "iot.edge.DriverVersionPublished");

        await AssertPresent(objects.Package, objects.Config, objects.Unreferenced);
        Assert.Equal(blobs, await Server.BlobIdsAsync());
    }

    [Fact]
    public async Task An_object_another_version_names_survives_the_deletion_of_the_version_it_was_presigned_for()
    {
        var id = await _client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(500);
        var shared = PackageCalls.SourceConfig(await _client.UploadPackageAsync(id, "1.0", bytes));
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", shared));
        await _client.CreateVersionAsync(id, "1.1", ("SourceConfig", shared));
        var blobs = await Server.BlobIdsAsync();

        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "1.0")));

        OssAssert.Object(await _client.GetObjectAsync(await _client.TemporaryAddressAsync(id, "1.1")), bytes);
        Assert.Equal(blobs, await Server.BlobIdsAsync());
    }

    [Fact]
    public async Task When_the_last_version_naming_an_object_is_deleted_the_object_goes_too()
    {
        // The object was presigned for 1.0; 1.1 names it too. Once both are deleted nothing names it: it is 1.1's
        // package as much as 1.0's, and "deleting a version deletes its objects" (issue 3).
        var id = await _client.CreateDriverAsync();
        var address = await _client.UploadPackageAsync(id, "1.0");
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(address)));
        await _client.CreateVersionAsync(id, "1.1", ("SourceConfig", PackageCalls.SourceConfig(address)));
        var blobs = await Server.BlobIdsAsync();

        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "1.0")));
        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "1.1")));

        OssAssert.Error(await _client.GetObjectAsync(Server.DownloadLink(address)), 404, "NoSuchKey");
        Assert.Equal(blobs.Count - 1, (await Server.BlobIdsAsync()).Count);
    }
}
