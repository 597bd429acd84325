using EdgeRegistry.Drivers;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>What every <see cref="IDriverStore"/> must do with drivers: create, query, batch get, delete, and tenancy.</summary>
public abstract class DriverStoreContract<TEngine> : StoreContract<TEngine> where TEngine : IStoreEngine, new()
{
    [Fact]
    public async Task A_created_driver_reads_back_with_every_field()
    {
        var driver = NewDriver("modbus-α") with { Protocol = "opcua", Runtime = "nodejs8", CpuArch = "aarch64" };
        Assert.Equal(StoreOutcome.Ok, await Drivers.CreateDriverAsync(Scope, driver, None));

        var page = await Drivers.QueryDriversAsync(Scope, null, 0, 10, None);
        Assert.Equal(1, page.Total);
        Assert.Equal(driver, Assert.Single(page.Items));
        Assert.Equal([driver], await Drivers.GetDriversAsync(Scope, [driver.DriverId], None));
    }

    [Fact]
    public async Task A_name_is_unique_within_a_scope_only()
    {
        await CreateDriverAsync(Scope, "same");
        Assert.Equal(StoreOutcome.DriverNameExists, await Drivers.CreateDriverAsync(Scope, NewDriver("same"), None));
        Assert.Equal(StoreOutcome.Ok, await Drivers.CreateDriverAsync(OtherInstance, NewDriver("same"), None));
        Assert.Equal(StoreOutcome.Ok, await Drivers.CreateDriverAsync(OtherAccount, NewDriver("same"), None));
        Assert.Equal(1, (await Drivers.QueryDriversAsync(Scope, null, 0, 10, None)).Total);
    }

    [Fact]
    public async Task Drivers_page_newest_first_with_the_total_of_all_matches()
    {
        var created = new List<Driver>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await CreateDriverAsync(Scope, $"drv-{i}"));
        }

        var newestFirst = created.AsEnumerable().Reverse().ToArray();
        var page = await Drivers.QueryDriversAsync(Scope, null, 2, 3, None);
        Assert.Equal(7, page.Total);
        Assert.Equal(newestFirst.Skip(2).Take(3), page.Items);
        Assert.Empty((await Drivers.QueryDriversAsync(Scope, null, 7, 3, None)).Items);
    }

    [Fact]
    public async Task The_name_filter_is_a_case_insensitive_substring()
    {
        var a = await CreateDriverAsync(Scope, "Plant-Modbus");
        await CreateDriverAsync(Scope, "opc");
        var c = await CreateDriverAsync(Scope, "modbus2");

        var page = await Drivers.QueryDriversAsync(Scope, "MODBUS", 0, 10, None);
        Assert.Equal(2, page.Total);
        Assert.Equal([c, a], page.Items);
    }

    [Fact]
    public async Task Batch_get_keeps_the_order_asked_without_duplicates_unknown_or_foreign_ids()
    {
        var a = await CreateDriverAsync(Scope, "a");
        var b = await CreateDriverAsync(Scope, "b");
        var foreign = await CreateDriverAsync(OtherAccount, "c");

        var got = await Drivers.GetDriversAsync(Scope, [b.DriverId, "0".PadLeft(32, 'f'), a.DriverId, b.DriverId, foreign.DriverId], None);
        Assert.Equal([b, a], got);
    }

    [Fact]
    public async Task Another_scope_sees_nothing_and_changes_nothing()
    {
        var driver = await CreateDriverAsync(Scope, "mine");
        Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_100_000));

        foreach (var other in new[] { OtherInstance, OtherAccount })
        {
            Assert.Equal(0, (await Drivers.QueryDriversAsync(other, null, 0, 10, None)).Total);
            Assert.Empty(await Drivers.GetDriversAsync(other, [driver.DriverId], None));
            Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.GetVersionAsync(other, driver.DriverId, "1.0.0", None)).Outcome);
            Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.QueryVersionsAsync(other, driver.DriverId, new(null, null), 0, 10, None)).Outcome);
            Assert.Equal(StoreOutcome.DriverNotFound, await CreateVersionAsync(other, driver.DriverId, "2.0.0", 1_790_000_100_000));
            Assert.Equal(StoreOutcome.DriverNotFound, await Drivers.ReplaceVersionAsync(other, driver.DriverId, "1.0.0", Content("x"), ObjectReferences.None, 1, None));
            Assert.Equal(StoreOutcome.DriverNotFound, await Drivers.ReleaseVersionAsync(other, driver.DriverId, "1.0.0", 1, None));
            Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.DeleteVersionAsync(other, driver.DriverId, "1.0.0", None)).Outcome);
            Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.DeleteDriverAsync(other, driver.DriverId, None)).Outcome);
        }

        var version = (await Drivers.GetVersionAsync(Scope, driver.DriverId, "1.0.0", None)).Value!;
        Assert.False(version.Published);
        Assert.Equal(Content(), version.Content);
    }

    [Fact]
    public async Task Deleting_a_driver_takes_its_versions_and_objects_and_frees_its_name()
    {
        var driver = await CreateDriverAsync(Scope, "gone");
        var package = await PresignAsync(Scope, driver.DriverId, "1.0.0", "a.zip", blobId: "blob-a");
        await PresignAsync(Scope, driver.DriverId, "2.0.0", "b.zip");
        Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_100_000, objects: new(package.Key, [package.Key])));

        var deleted = await Drivers.DeleteDriverAsync(Scope, driver.DriverId, None);
        Assert.Equal(StoreOutcome.Ok, deleted.Outcome);
        Assert.Equal(["blob-a"], deleted.Value);
        Assert.Null(await Objects.FindAsync(package.Key, None));
        Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.GetVersionAsync(Scope, driver.DriverId, "1.0.0", None)).Outcome);
        Assert.Equal(0, (await Drivers.QueryDriversAsync(Scope, null, 0, 10, None)).Total);
        Assert.Equal(StoreOutcome.Ok, await Drivers.CreateDriverAsync(Scope, NewDriver("gone"), None));
    }

    [Fact]
    public async Task A_driver_with_a_published_version_is_not_deleted()
    {
        var driver = await CreateDriverAsync(Scope, "kept");
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_100_000);
        Assert.Equal(StoreOutcome.Ok, await Drivers.ReleaseVersionAsync(Scope, driver.DriverId, "1.0.0", 1_790_000_200_000, None));

        Assert.Equal(StoreOutcome.DriverHasPublishedVersion, (await Drivers.DeleteDriverAsync(Scope, driver.DriverId, None)).Outcome);
        Assert.Equal(1, (await Drivers.QueryDriversAsync(Scope, null, 0, 10, None)).Total);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_let_exactly_one_win()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => Drivers.CreateDriverAsync(Scope, NewDriver("raced"), None))));

        Assert.Equal(1, outcomes.Count(o => o == StoreOutcome.Ok));
        Assert.All(outcomes.Where(o => o != StoreOutcome.Ok), o => Assert.Equal(StoreOutcome.DriverNameExists, o));
        Assert.Equal(1, (await Drivers.QueryDriversAsync(Scope, null, 0, 10, None)).Total);
    }
}
