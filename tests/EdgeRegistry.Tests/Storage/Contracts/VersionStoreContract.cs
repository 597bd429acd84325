using EdgeRegistry.Drivers;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>What every <see cref="IDriverStore"/> must do with versions: the lifecycle, ordering, filters and objects.</summary>
public abstract class VersionStoreContract<TEngine> : StoreContract<TEngine> where TEngine : IStoreEngine, new()
{
    private const long T0 = 1_790_000_100_000;

    [Fact]
    public async Task A_created_version_reads_back_exactly()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var content = new DriverVersionContent("2.4.0.1", "ünïcødé 中文 <b>", "", "[{\"format\":\"JSON\",\"content\":\"{}\"}]",
            "{\"privileged\":true}", "{\"deviceConfig\":{}}", "--verbose");
        Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0, content));

        var got = await Drivers.GetVersionAsync(Scope, driver.DriverId, "1.0.0", None);
        Assert.Equal(StoreOutcome.Ok, got.Outcome);
        Assert.Equal(new DriverVersion(driver.DriverId, "1.0.0", false, content, T0, T0), got.Value);
    }

    [Fact]
    public async Task Missing_drivers_and_versions_and_duplicates_are_told_apart()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var unknown = new string('e', 32);
        Assert.Equal(StoreOutcome.DriverNotFound, await CreateVersionAsync(Scope, unknown, "1.0.0", T0));
        Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0));
        Assert.Equal(StoreOutcome.VersionExists, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0 + 1));
        Assert.Equal(StoreOutcome.VersionNotFound, (await Drivers.GetVersionAsync(Scope, driver.DriverId, "9.9.9", None)).Outcome);
        Assert.Equal(StoreOutcome.VersionNotFound, await Drivers.ReplaceVersionAsync(Scope, driver.DriverId, "9.9.9", Content(), ObjectReferences.None, T0, None));
        Assert.Equal(StoreOutcome.VersionNotFound, await Drivers.ReleaseVersionAsync(Scope, driver.DriverId, "9.9.9", T0, None));
        Assert.Equal(StoreOutcome.VersionNotFound, (await Drivers.DeleteVersionAsync(Scope, driver.DriverId, "9.9.9", None)).Outcome);
        Assert.Equal(StoreOutcome.DriverNotFound, (await Drivers.QueryVersionsAsync(Scope, unknown, new(null, null), 0, 10, None)).Outcome);
    }

    [Fact]
    public async Task Replace_swaps_the_whole_content_and_keeps_the_creation_time()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0, Content("old") with { Argument = "-a" });
        var replacement = Content("new");
        Assert.Equal(StoreOutcome.Ok, await Drivers.ReplaceVersionAsync(Scope, driver.DriverId, "1.0.0", replacement, ObjectReferences.None, T0 + 500, None));

        var got = (await Drivers.GetVersionAsync(Scope, driver.DriverId, "1.0.0", None)).Value!;
        Assert.Equal(replacement, got.Content);
        Assert.Equal((T0, T0 + 500), (got.CreatedMs, got.ModifiedMs));
    }

    [Fact]
    public async Task A_published_version_is_immutable_and_publishing_again_changes_nothing()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0, Content("v"));
        Assert.Equal(StoreOutcome.Ok, await Drivers.ReleaseVersionAsync(Scope, driver.DriverId, "1.0.0", T0 + 10, None));
        Assert.Equal(StoreOutcome.Ok, await Drivers.ReleaseVersionAsync(Scope, driver.DriverId, "1.0.0", T0 + 20, None));

        Assert.Equal(StoreOutcome.VersionPublished, await Drivers.ReplaceVersionAsync(Scope, driver.DriverId, "1.0.0", Content("x"), ObjectReferences.None, T0 + 30, None));
        Assert.Equal(StoreOutcome.VersionPublished, (await Drivers.DeleteVersionAsync(Scope, driver.DriverId, "1.0.0", None)).Outcome);
        var got = (await Drivers.GetVersionAsync(Scope, driver.DriverId, "1.0.0", None)).Value!;
        Assert.True(got.Published);
        Assert.Equal(Content("v"), got.Content);
        Assert.Equal(T0 + 10, got.ModifiedMs);
    }

    [Fact]
    public async Task Versions_page_newest_first_ties_by_version_descending_with_filters_and_totals()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        (string Version, long Ms)[] created = [("1.0.0", T0), ("1.0.10", T0 + 5), ("1.0.9", T0 + 5), ("2.0.0", T0 + 9), ("0.1.0", T0 + 20)];
        foreach (var (version, ms) in created)
        {
            Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, version, ms));
        }

        await Drivers.ReleaseVersionAsync(Scope, driver.DriverId, "1.0.9", T0 + 30, None);
        await Drivers.ReleaseVersionAsync(Scope, driver.DriverId, "0.1.0", T0 + 31, None);

        // "total: versions…", so a mismatch shows both whole.
        async Task<string> Query(VersionFilter filter, int offset, int limit)
        {
            var page = (await Drivers.QueryVersionsAsync(Scope, driver.DriverId, filter, offset, limit, None)).Value!;
            return $"{page.Total}: {string.Join(' ', page.Items.Select(v => v.Version))}";
        }

        // Ordinal descending in the same millisecond: "1.0.9" > "1.0.10".
        Assert.Equal("5: 0.1.0 2.0.0 1.0.9 1.0.10 1.0.0", await Query(new(null, null), 0, 10));
        Assert.Equal("5: 1.0.9 1.0.10", await Query(new(null, null), 2, 2));
        Assert.Equal("2: 0.1.0 1.0.9", await Query(new(null, true), 0, 10));
        Assert.Equal("3: 2.0.0 1.0.10 1.0.0", await Query(new(null, false), 0, 10));
        Assert.Equal("1: 1.0.10", await Query(new("1.0.10", null), 0, 10));
        Assert.Equal("0: ", await Query(new("1.0.10", true), 0, 10));
    }

    [Fact]
    public async Task Creation_times_never_go_backwards_within_a_driver()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0 + 1000);
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.1", T0);   // the clock stepped back

        var got = (await Drivers.GetVersionAsync(Scope, driver.DriverId, "1.0.1", None)).Value!;
        Assert.Equal(T0 + 1000, got.CreatedMs);
        var page = (await Drivers.QueryVersionsAsync(Scope, driver.DriverId, new(null, null), 0, 10, None)).Value!;
        Assert.Equal(["1.0.1", "1.0.0"], page.Items.Select(v => v.Version));
    }

    [Fact]
    public async Task Deleting_a_version_takes_its_objects_unless_another_version_names_them()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var shared = await PresignAsync(Scope, driver.DriverId, "1.0.0", "shared.zip", blobId: "blob-shared");
        var own = await PresignAsync(Scope, driver.DriverId, "1.0.0", "own.zip", blobId: "blob-own");
        var never = await PresignAsync(Scope, driver.DriverId, "1.0.0", "never.zip");
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0, objects: new(own.Key, [own.Key, shared.Key]));
        await CreateVersionAsync(Scope, driver.DriverId, "2.0.0", T0 + 1, objects: new(shared.Key, [shared.Key]));

        var deleted = await Drivers.DeleteVersionAsync(Scope, driver.DriverId, "1.0.0", None);
        Assert.Equal(StoreOutcome.Ok, deleted.Outcome);
        Assert.Equal(["blob-own"], deleted.Value);
        Assert.Null(await Objects.FindAsync(own.Key, None));
        Assert.Null(await Objects.FindAsync(never.Key, None));
        Assert.NotNull(await Objects.FindAsync(shared.Key, None));
        Assert.Equal(shared.Key, (await Drivers.GetVersionAsync(Scope, driver.DriverId, "2.0.0", None)).Value!.SourceObjectKey);
        Assert.Equal(1, (await Drivers.QueryVersionsAsync(Scope, driver.DriverId, new(null, null), 0, 10, None)).Value!.Total);
    }

    [Fact]
    public async Task A_version_names_only_objects_that_exist_and_were_uploaded()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var notUploaded = await PresignAsync(Scope, driver.DriverId, "1.0.0", "pending.zip");
        var uploaded = await PresignAsync(Scope, driver.DriverId, "1.0.0", "done.zip", blobId: "blob-done");
        await CreateVersionAsync(Scope, driver.DriverId, "0.9.0", T0);

        Assert.Equal(StoreOutcome.ObjectNotFound, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0, objects: new(notUploaded.Key, [notUploaded.Key])));
        Assert.Equal(StoreOutcome.ObjectNotFound, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0, objects: new("driver/gone", ["driver/gone"])));
        Assert.Equal(StoreOutcome.ObjectNotFound, await Drivers.ReplaceVersionAsync(Scope, driver.DriverId, "0.9.0", Content(), new("driver/gone", ["driver/gone"]), T0 + 1, None));
        Assert.Equal(StoreOutcome.VersionNotFound, (await Drivers.GetVersionAsync(Scope, driver.DriverId, "1.0.0", None)).Outcome);
        Assert.Equal(StoreOutcome.Ok, await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0, objects: new(uploaded.Key, [uploaded.Key])));
    }

    [Fact]
    public async Task Replacing_a_version_updates_which_objects_it_names()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var first = await PresignAsync(Scope, driver.DriverId, "1.0.0", "first.zip", blobId: "blob-1");
        var second = await PresignAsync(Scope, driver.DriverId, "1.0.0", "second.zip", blobId: "blob-2");
        await CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0, objects: new(first.Key, [first.Key]));
        await Drivers.ReplaceVersionAsync(Scope, driver.DriverId, "1.0.0", Content(), new(second.Key, [second.Key]), T0 + 1, None);

        Assert.Equal(second.Key, (await Drivers.GetVersionAsync(Scope, driver.DriverId, "1.0.0", None)).Value!.SourceObjectKey);
        // "first" is no longer named, so the sweep may take it; "second" is.
        Assert.Equal(["blob-1"], await Objects.RemoveOrphansAsync(long.MaxValue, None));
        Assert.NotNull(await Objects.FindAsync(second.Key, None));
    }

    [Fact]
    public async Task Concurrent_creates_of_one_version_let_exactly_one_win()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => CreateVersionAsync(Scope, driver.DriverId, "1.0.0", T0 + i))));

        Assert.Equal(1, outcomes.Count(o => o == StoreOutcome.Ok));
        Assert.All(outcomes.Where(o => o != StoreOutcome.Ok), o => Assert.Equal(StoreOutcome.VersionExists, o));
    }
}
