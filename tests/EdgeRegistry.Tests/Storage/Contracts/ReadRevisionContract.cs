using EdgeRegistry.Drivers;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>
/// What the read cache relies on: every write moves a revision in its own transaction, scoped like everything else;
/// and, end to end, a cached read after any write — through this cache or another replica's — answers the write.
/// </summary>
public abstract class ReadRevisionContract<TEngine> : StoreContract<CachedEngine<TEngine>> where TEngine : IStoreEngine, new()
{
    private IDriverStore Bare => Engine.Bare;

    [Fact]
    public async Task Every_write_of_a_version_moves_its_driver_revision_and_reads_move_nothing()
    {
        var driver = await CreateDriverAsync(Scope, "rev");
        var seen = new List<ReadRevision> { await RevisionAsync(driver.DriverId) };

        async Task Moved(string what)
        {
            var now = await RevisionAsync(driver.DriverId);
            Assert.DoesNotContain(now, seen);
            Assert.True(now.Scope == seen[^1].Scope && now.Driver > seen[^1].Driver, $"{what}: {seen[^1]} → {now}");
            seen.Add(now);
        }

        Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_100_000));
        await Moved("create");
        Assert.Equal(StoreOutcome.Ok, await Drivers.ReplaceVersionAsync(Scope, driver.DriverId, "1.0.0", Content("changed"), ObjectReferences.None, 1_790_000_100_001, None));
        await Moved("replace");
        Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, "2.0.0", 1_790_000_100_002));
        Assert.Equal(StoreOutcome.Ok, await Drivers.ReleaseVersionAsync(Scope, driver.DriverId, "2.0.0", 1_790_000_100_003, None));
        await Moved("release");
        Assert.Equal(StoreOutcome.Ok, (await Drivers.DeleteVersionAsync(Scope, driver.DriverId, "1.0.0", None)).Outcome);
        await Moved("delete");

        await Drivers.QueryVersionsAsync(Scope, driver.DriverId, new VersionFilter(null, null), 0, 10, None);
        await Drivers.GetVersionAsync(Scope, driver.DriverId, "2.0.0", None);
        Assert.Equal(seen[^1], await RevisionAsync(driver.DriverId));
    }

    [Fact]
    public async Task Creating_or_deleting_a_driver_moves_its_scope_revision_only()
    {
        var before = (await Bare.GetRevisionAsync(Scope, null, None))!.Value;
        var other = (await Bare.GetRevisionAsync(OtherInstance, null, None))!.Value;
        var driver = await CreateDriverAsync(Scope, "scoped");
        var created = (await Bare.GetRevisionAsync(Scope, null, None))!.Value;
        Assert.True(created.Scope > before.Scope);

        Assert.Equal(StoreOutcome.Ok, (await Drivers.DeleteDriverAsync(Scope, driver.DriverId, None)).Outcome);
        Assert.True((await Bare.GetRevisionAsync(Scope, null, None))!.Value.Scope > created.Scope);
        Assert.Equal(other, (await Bare.GetRevisionAsync(OtherInstance, null, None))!.Value);
    }

    [Fact]
    public async Task A_driver_has_no_revision_outside_its_scope_nor_after_it_is_deleted()
    {
        var driver = await CreateDriverAsync(Scope, "mine");
        Assert.NotNull(await Bare.GetRevisionAsync(Scope, driver.DriverId, None));
        Assert.Null(await Bare.GetRevisionAsync(OtherInstance, driver.DriverId, None));
        Assert.Null(await Bare.GetRevisionAsync(OtherAccount, driver.DriverId, None));

        Assert.Equal(StoreOutcome.Ok, (await Drivers.DeleteDriverAsync(Scope, driver.DriverId, None)).Outcome);
        Assert.Null(await Bare.GetRevisionAsync(Scope, driver.DriverId, None));
    }

    [Fact]
    public async Task A_driver_deleted_and_created_again_under_its_id_never_reads_an_old_revision()
    {
        var driver = await CreateDriverAsync(Scope, "again");
        var first = await RevisionAsync(driver.DriverId);
        Assert.Equal(StoreOutcome.Ok, (await Drivers.DeleteDriverAsync(Scope, driver.DriverId, None)).Outcome);
        Assert.Equal(StoreOutcome.Ok, await Drivers.CreateDriverAsync(Scope, driver, None));
        Assert.NotEqual(first, await RevisionAsync(driver.DriverId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cached_page_answers_every_write_made_after_it_was_read(bool writeThroughTheOtherReplica)
    {
        var writer = writeThroughTheOtherReplica ? Engine.Replica : Drivers;
        var driver = await CreateDriverAsync(Scope, "hot");
        var all = new VersionFilter(null, null);
        var now = 1_790_000_200_000L;

        async Task Same(string what)
        {
            foreach (var (filter, offset, limit) in new[] { (all, 0, 10), (new VersionFilter(null, true), 0, 10), (new VersionFilter("1.0.0", null), 0, 10), (all, 1, 1) })
            {
                var truth = await Bare.QueryVersionsAsync(Scope, driver.DriverId, filter, offset, limit, None);
                var cached = await Drivers.QueryVersionsAsync(Scope, driver.DriverId, filter, offset, limit, None);
                Assert.True(truth.Outcome == cached.Outcome, what);
                Assert.True(truth.Value is null == cached.Value is null, what);
                if (truth.Value is { } page)
                {
                    Assert.Equal(page.Total, cached.Value!.Total);
                    Assert.Equal(page.Items, cached.Value.Items);
                }
            }

            foreach (var version in new[] { "1.0.0", "1.1.0" })
            {
                var truth = await Bare.GetVersionAsync(Scope, driver.DriverId, version, None);
                var cached = await Drivers.GetVersionAsync(Scope, driver.DriverId, version, None);
                Assert.True(truth.Outcome == cached.Outcome, $"{what}: {version}");
                Assert.Equal(truth.Value, cached.Value);
            }
        }

        await Same("empty");
        await Same("empty, cached");
        Assert.Equal(StoreOutcome.Ok, await writer.CreateVersionAsync(Scope, driver.DriverId, "1.0.0", Content("one"), ObjectReferences.None, ++now, None));
        await Same("created");
        Assert.Equal(StoreOutcome.Ok, await writer.ReplaceVersionAsync(Scope, driver.DriverId, "1.0.0", Content("two"), ObjectReferences.None, ++now, None));
        await Same("replaced");
        Assert.Equal(StoreOutcome.Ok, await writer.CreateVersionAsync(Scope, driver.DriverId, "1.1.0", Content(), ObjectReferences.None, ++now, None));
        await Same("second created");
        Assert.Equal(StoreOutcome.Ok, await writer.ReleaseVersionAsync(Scope, driver.DriverId, "1.0.0", ++now, None));
        await Same("released");
        Assert.Equal(StoreOutcome.Ok, (await writer.DeleteVersionAsync(Scope, driver.DriverId, "1.1.0", None)).Outcome);
        await Same("deleted");

        // The driver gone, then its id back without versions: nothing of the old one may come back.
        var fresh = await CreateDriverAsync(Scope, "short-lived");
        Assert.Equal(StoreOutcome.Ok, await writer.CreateVersionAsync(Scope, fresh.DriverId, "0.1.0", Content(), ObjectReferences.None, ++now, None));
        Assert.Single((await Drivers.QueryVersionsAsync(Scope, fresh.DriverId, all, 0, 10, None)).Value!.Items);
        Assert.Equal(StoreOutcome.Ok, (await Drivers.GetVersionAsync(Scope, fresh.DriverId, "0.1.0", None)).Outcome);
        Assert.Equal(StoreOutcome.Ok, (await writer.DeleteDriverAsync(Scope, fresh.DriverId, None)).Outcome);
        Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.QueryVersionsAsync(Scope, fresh.DriverId, all, 0, 10, None)).Outcome);
        Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.GetVersionAsync(Scope, fresh.DriverId, "0.1.0", None)).Outcome);
        Assert.Equal(StoreOutcome.Ok, await writer.CreateDriverAsync(Scope, fresh, None));
        var reborn = (await Drivers.QueryVersionsAsync(Scope, fresh.DriverId, all, 0, 10, None)).Value!;
        Assert.Equal(0, reborn.Total);
        Assert.Empty(reborn.Items);
        Assert.Equal(StoreOutcome.VersionNotFound, (await Drivers.GetVersionAsync(Scope, fresh.DriverId, "0.1.0", None)).Outcome);
    }

    [Fact]
    public async Task A_cached_driver_list_answers_every_create_and_delete_on_either_replica()
    {
        var seen = await Drivers.QueryDriversAsync(Scope, null, 0, 10, None);
        Assert.Equal(0, seen.Total);
        var a = NewDriver("a");
        Assert.Equal(StoreOutcome.Ok, await Engine.Replica.CreateDriverAsync(Scope, a, None));
        Assert.Equal([a], (await Drivers.QueryDriversAsync(Scope, null, 0, 10, None)).Items);
        Assert.Equal([a], (await Drivers.QueryDriversAsync(Scope, "A", 0, 10, None)).Items);

        var b = await CreateDriverAsync(Scope, "b");
        Assert.Equal([b, a], (await Engine.Replica.QueryDriversAsync(Scope, null, 0, 10, None)).Items);
        Assert.Equal(StoreOutcome.Ok, (await Drivers.DeleteDriverAsync(Scope, a.DriverId, None)).Outcome);
        Assert.Equal([b], (await Engine.Replica.QueryDriversAsync(Scope, null, 0, 10, None)).Items);
        Assert.Empty((await Engine.Replica.QueryDriversAsync(Scope, "A", 0, 10, None)).Items);
        Assert.Equal(0, (await Drivers.QueryDriversAsync(OtherAccount, null, 0, 10, None)).Total);
    }

    [Fact]
    public async Task Tenancy_is_part_of_every_entry()
    {
        var driver = await CreateDriverAsync(Scope, "private");
        Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_300_000));
        Assert.Single((await Drivers.QueryVersionsAsync(Scope, driver.DriverId, new VersionFilter(null, null), 0, 10, None)).Value!.Items);
        Assert.Single((await Drivers.QueryDriversAsync(Scope, null, 0, 10, None)).Items);
        Assert.Equal(StoreOutcome.Ok, (await Drivers.GetVersionAsync(Scope, driver.DriverId, "1.0.0", None)).Outcome);

        foreach (var other in new[] { OtherInstance, OtherAccount })
        {
            Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.QueryVersionsAsync(other, driver.DriverId, new VersionFilter(null, null), 0, 10, None)).Outcome);
            Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.GetVersionAsync(other, driver.DriverId, "1.0.0", None)).Outcome);
            Assert.Empty((await Drivers.QueryDriversAsync(other, null, 0, 10, None)).Items);
        }
    }

    [Fact]
    public async Task Hits_are_counted_and_stale_entries_are_not_served()
    {
        var driver = await CreateDriverAsync(Scope, "counted");
        var all = new VersionFilter(null, null);
        await Drivers.QueryVersionsAsync(Scope, driver.DriverId, all, 0, 10, None);
        var hitsBefore = Engine.Cache.Statistics.TotalHits;
        await Drivers.QueryVersionsAsync(Scope, driver.DriverId, all, 0, 10, None);
        Assert.Equal(hitsBefore + 1, Engine.Cache.Statistics.TotalHits);

        Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_400_000));
        Assert.Single((await Drivers.QueryVersionsAsync(Scope, driver.DriverId, all, 0, 10, None)).Value!.Items);
    }

    private async Task<ReadRevision> RevisionAsync(string driverId) =>
        (await Bare.GetRevisionAsync(Scope, driverId, None)) ?? throw new InvalidOperationException("no revision");
}
