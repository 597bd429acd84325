using EdgeRegistry.Packages;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// A crash between storing an upload's bytes and committing it left a blob file that no object names, forever (16
/// after 20 crash cycles in the audit). The sweep removes such blobs once they have been unreferenced for
/// <see cref="OrphanSweeper.BlobGrace"/>, never a blob an object points to, nor one an upload is about to commit.
/// </summary>
public sealed class LeakedBlobSweepTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_blob_no_object_names_is_removed_after_the_grace_period_and_a_named_one_stays()
    {
        var services = fixture.Server.Services;
        var blobs = services.GetRequiredService<IBlobStore>();
        var sweeper = services.GetRequiredService<OrphanSweeper>();
        var client = fixture.Client;
        var id = await client.CreateDriverAsync();
        var address = await client.UploadPackageAsync(id, "1.0");
        await client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(address)));
        var leaked = Guid.NewGuid().ToString("N");
        await blobs.WriteAsync(leaked, new MemoryStream([1, 2, 3]), 3, 1024, null, CancellationToken.None);

        Assert.Equal(0, await sweeper.SweepBlobsAsync(CancellationToken.None));
        fixture.Clock.Advance(OrphanSweeper.BlobGrace - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await sweeper.SweepBlobsAsync(CancellationToken.None));
        using (var stillThere = blobs.OpenRead(leaked))
        {
            Assert.NotNull(stillThere);
        }

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sweeper.SweepBlobsAsync(CancellationToken.None));

        Assert.Null(blobs.OpenRead(leaked));
        Assert.Equal(200, (await client.GetObjectAsync(await client.TemporaryAddressAsync(id, "1.0"))).Status);
    }
}
