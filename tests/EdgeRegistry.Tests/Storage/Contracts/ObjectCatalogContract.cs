using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>What every <see cref="IObjectCatalog"/> must do: register, commit uploads, refuse published bytes, sweep orphans.</summary>
public abstract class ObjectCatalogContract<TEngine> : StoreContract<TEngine> where TEngine : IStoreEngine, new()
{
    [Fact]
    public async Task A_key_is_registered_once_and_reads_back()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var stored = await PresignAsync(Scope, driver.DriverId, "1.0.0", "p.zip");
        Assert.Equal(RegisterOutcome.KeyTaken, await Objects.RegisterAsync(stored with { FileName = "other.zip" }, None));
        Assert.Equal(stored, await Objects.FindAsync(stored.Key, None));
        Assert.False((await Objects.FindAsync(stored.Key, None))!.IsUploaded);
        Assert.Null(await Objects.FindAsync("driver/none", None));
    }

    [Fact]
    public async Task Registration_is_refused_for_a_driver_out_of_scope_or_a_published_version()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_100_000);
        await Drivers.ReleaseVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_200_000, None);
        StoredObject For(TenantScope scope, string driverId, string version) => new(
            $"driver/h/{ObjectKinds.DriverPackage}/{driverId}/{version}/1/p.zip", scope.AccountId, scope.InstanceId,
            ObjectKinds.DriverPackage, driverId, version, "", "p.zip", 1);

        Assert.Equal(RegisterOutcome.Refused, await Objects.RegisterAsync(For(Scope, new string('e', 32), "1.0.0"), None));
        Assert.Equal(RegisterOutcome.Refused, await Objects.RegisterAsync(For(OtherAccount, driver.DriverId, "2.0.0"), None));
        Assert.Equal(RegisterOutcome.Refused, await Objects.RegisterAsync(For(Scope, driver.DriverId, "1.0.0"), None));
        Assert.Equal(RegisterOutcome.Registered, await Objects.RegisterAsync(For(Scope, driver.DriverId, "2.0.0"), None));
    }

    [Fact]
    public async Task An_upload_commit_records_the_blob_and_returns_the_one_it_replaced()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var stored = await PresignAsync(Scope, driver.DriverId, "1.0.0", "p.zip");
        var first = await Objects.CommitUploadAsync(stored.Key, "blob-1", new BlobWritten(10, "m1", "s1"), "application/zip", 1_790_000_000_100, None);
        Assert.Equal((CommitOutcome.Ok, (string?)null), first);
        var second = await Objects.CommitUploadAsync(stored.Key, "blob-2", new BlobWritten(20, "m2", "s2"), "application/octet-stream", 1_790_000_000_200, None);
        Assert.Equal((CommitOutcome.Ok, (string?)"blob-1"), second);

        Assert.Equal(stored with { BlobId = "blob-2", Length = 20, Md5Hex = "m2", Sha256Hex = "s2", ContentType = "application/octet-stream", UploadedMs = 1_790_000_000_200 },
            await Objects.FindAsync(stored.Key, None));
        Assert.True(await Objects.IsBlobInUseAsync("blob-2", None));
        Assert.False(await Objects.IsBlobInUseAsync("blob-1", None));
        Assert.Equal(CommitOutcome.NotFound, (await Objects.CommitUploadAsync("driver/none", "blob-3", new BlobWritten(1, "", ""), "", 1, None)).Outcome);
    }

    [Fact]
    public async Task The_bytes_of_an_object_a_published_version_names_cannot_be_replaced()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var stored = await PresignAsync(Scope, driver.DriverId, "1.0.0", "p.zip", blobId: "blob-1");
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_100_000, objects: new(stored.Key, [stored.Key]));
        Assert.Equal(CommitOutcome.Ok, (await Objects.CommitUploadAsync(stored.Key, "blob-2", new BlobWritten(1, "", ""), "", 1, None)).Outcome);
        await Drivers.ReleaseVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_200_000, None);

        Assert.Equal((CommitOutcome.Published, (string?)null), await Objects.CommitUploadAsync(stored.Key, "blob-3", new BlobWritten(1, "", ""), "", 1, None));
        Assert.Equal("blob-2", (await Objects.FindAsync(stored.Key, None))!.BlobId);
    }

    [Fact]
    public async Task The_sweep_takes_unnamed_objects_presigned_before_the_cut_off_only()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var named = await PresignAsync(Scope, driver.DriverId, "1.0.0", "named.zip", blobId: "blob-named", presignedMs: 1000);
        var old = await PresignAsync(Scope, driver.DriverId, "1.0.0", "old.zip", blobId: "blob-old", presignedMs: 1000);
        var oldEmpty = await PresignAsync(Scope, driver.DriverId, "1.0.0", "empty.zip", presignedMs: 1000);
        var young = await PresignAsync(Scope, driver.DriverId, "1.0.0", "young.zip", blobId: "blob-young", presignedMs: 5000);
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_100_000, objects: new(named.Key, [named.Key]));

        Assert.Equal(["blob-old"], await Objects.RemoveOrphansAsync(presignedBeforeMs: 2000, None));
        Assert.Null(await Objects.FindAsync(old.Key, None));
        Assert.Null(await Objects.FindAsync(oldEmpty.Key, None));
        Assert.NotNull(await Objects.FindAsync(named.Key, None));
        Assert.NotNull(await Objects.FindAsync(young.Key, None));
        Assert.Empty(await Objects.RemoveOrphansAsync(presignedBeforeMs: 2000, None));
    }
}
