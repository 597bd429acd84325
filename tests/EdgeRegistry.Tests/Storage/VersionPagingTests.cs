using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Storage;
using EdgeRegistry.Tests.Storage.Contracts;
using EdgeRegistry.Tests.Storage.Postgres;

namespace EdgeRegistry.Tests.Storage;

/// <summary>
/// The store's paging (counters, block counts, both-ends OFFSET, same-millisecond ordering) checked against the
/// plain definition: sort all matches by (created desc, version desc) and cut the page. Enough versions that
/// pages in the middle go through the block counts (blocks hold 256). Run against every engine.
/// </summary>
public abstract class VersionPagingTests<TEngine> : IAsyncLifetime where TEngine : IStoreEngine, new()
{
    private static readonly TenantScope Scope = new("1000000000000001", "");
    private static readonly DriverVersionContent Content = new("2.4.0", "", "", "", "", "", "");

    private readonly TEngine _engine = new();
    private readonly List<(string Version, long CreatedMs, bool Published)> _model = [];
    private readonly Random _random = new(20261125);

    private IDriverStore _store = null!;

    public async Task InitializeAsync()
    {
        await _engine.StartAsync();
        _store = _engine.Drivers;
    }

    public Task DisposeAsync() => _engine.DisposeAsync().AsTask();

    [Fact]
    public async Task Every_page_of_every_filter_matches_the_sorted_list()
    {
        var driverId = await CreateDriverAsync("paging");
        await FillAsync(driverId, count: 1400);

        foreach (var published in new bool?[] { null, false, true })
        {
            var expected = Expected(published);
            foreach (var limit in new[] { 1, 7, 30 })
            {
                var offsets = Enumerable.Range(0, 40).Select(_ => _random.Next(expected.Count + 40))
                    .Concat([0, 255, 256, 257, expected.Count - 1, expected.Count - limit, expected.Count, expected.Count + 5])
                    .Where(o => o >= 0);
                foreach (var offset in offsets)
                {
                    var result = await _store.QueryVersionsAsync(Scope, driverId, new VersionFilter(null, published), offset, limit, default);
                    Assert.Equal(StoreOutcome.Ok, result.Outcome);
                    Assert.Equal(expected.Count, result.Value!.Total);
                    var want = expected.Skip(offset).Take(limit).ToArray();
                    Assert.Equal(want, result.Value.Items.Select(v => v.Version).ToArray());
                }
            }
        }
    }

    [Fact]
    public async Task Exact_version_filter_returns_that_version_or_nothing()
    {
        var driverId = await CreateDriverAsync("exact");
        await FillAsync(driverId, count: 40);
        var published = _model.First(v => v.Published).Version;
        var unpublished = _model.First(v => !v.Published).Version;

        Assert.Equal([published], await VersionsAsync(driverId, new VersionFilter(published, null)));
        Assert.Equal([published], await VersionsAsync(driverId, new VersionFilter(published, true)));
        Assert.Empty(await VersionsAsync(driverId, new VersionFilter(published, false)));
        Assert.Equal([unpublished], await VersionsAsync(driverId, new VersionFilter(unpublished, false)));
        Assert.Empty(await VersionsAsync(driverId, new VersionFilter("no-such", null)));
    }

    [Fact]
    public async Task Versions_created_in_the_same_millisecond_are_ordered_by_version_descending()
    {
        var driverId = await CreateDriverAsync("ties");
        foreach (var version in new[] { "b", "d", "a", "c" })
        {
            Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, driverId, version, Content, ObjectReferences.None, 5000, default));
        }

        Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, driverId, "0-later", Content, ObjectReferences.None, 5001, default));
        Assert.Equal(["0-later", "d", "c", "b", "a"], await VersionsAsync(driverId, new VersionFilter(null, null)));
    }

    [Fact]
    public async Task More_same_millisecond_versions_than_a_first_read_are_ordered_too()
    {
        // 40 in one millisecond, then one later: more ties than the PostgreSQL store reads at first
        // (PostgresVersionBlocks.FirstTieRead), so it must read them again, all of them, and still order each.
        var driverId = await CreateDriverAsync("many-ties");
        var versions = Enumerable.Range(0, 40).Select(i => $"t{i * 17 % 40:D2}").ToArray();
        foreach (var version in versions)
        {
            Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, driverId, version, Content, ObjectReferences.None, 7000, default));
        }

        Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, driverId, "0-later", Content, ObjectReferences.None, 7001, default));
        var newestFirst = (await _store.QueryVersionsAsync(Scope, driverId, new VersionFilter(null, null), 0, 50, default)).Value!.Items.Select(v => v.Version);
        Assert.Equal(["0-later", .. versions.OrderDescending(StringComparer.Ordinal)], newestFirst);
        var lastTen = (await _store.QueryVersionsAsync(Scope, driverId, new VersionFilter(null, null), 31, 10, default)).Value!.Items.Select(v => v.Version);
        Assert.Equal(versions.OrderDescending(StringComparer.Ordinal).Skip(30), lastTen);
    }

    [Fact]
    public async Task A_clock_that_steps_back_does_not_reorder_versions()
    {
        var driverId = await CreateDriverAsync("clock");
        await _store.CreateVersionAsync(Scope, driverId, "first", Content, ObjectReferences.None, 9000, default);
        await _store.CreateVersionAsync(Scope, driverId, "second", Content, ObjectReferences.None, 1000, default);

        var page = await _store.QueryVersionsAsync(Scope, driverId, new VersionFilter(null, null), 0, 10, default);
        Assert.Equal(["second", "first"], page.Value!.Items.Select(v => v.Version));
        Assert.Equal(9000, page.Value.Items[0].CreatedMs);
    }

    [Fact]
    public async Task Another_scope_sees_no_driver()
    {
        var driverId = await CreateDriverAsync("scoped");
        var other = new TenantScope("1000000000000002", "");
        var instance = new TenantScope(Scope.AccountId, "iot-abc123");

        foreach (var scope in new[] { other, instance })
        {
            Assert.Equal(StoreOutcome.DriverNotFound, (await _store.QueryVersionsAsync(scope, driverId, new VersionFilter(null, null), 0, 10, default)).Outcome);
            Assert.Equal(StoreOutcome.DriverNotFound, await _store.CreateVersionAsync(scope, driverId, "1.0", Content, ObjectReferences.None, 1, default));
            Assert.Equal(StoreOutcome.DriverNotFound, (await _store.DeleteDriverAsync(scope, driverId, default)).Outcome);
            Assert.Empty(await _store.GetDriversAsync(scope, [driverId], default));
        }
    }

    private async Task<string> CreateDriverAsync(string name)
    {
        var id = Guid.NewGuid().ToString("N");
        Assert.Equal(StoreOutcome.Ok, await _store.CreateDriverAsync(Scope, new Driver(id, name, "modbus", "python3", "", false, 1, 1), default));
        return id;
    }

    /// <summary>Creates versions with many same-millisecond groups, then releases about a third and deletes some unpublished.</summary>
    private async Task FillAsync(string driverId, int count)
    {
        long now = 1_000_000;
        for (var i = 0; i < count; i++)
        {
            now += _random.Next(4) == 0 ? 0 : _random.Next(1, 3);
            var version = $"v{_random.Next(100000):D5}.{i}";
            Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, driverId, version, Content, ObjectReferences.None, now, default));
            _model.Add((version, now, false));
        }

        for (var i = 0; i < _model.Count; i++)
        {
            var roll = _random.Next(10);
            if (roll < 3)
            {
                Assert.Equal(StoreOutcome.Ok, await _store.ReleaseVersionAsync(Scope, driverId, _model[i].Version, now, default));
                _model[i] = _model[i] with { Published = true };
            }
            else if (roll == 3)
            {
                Assert.Equal(StoreOutcome.Ok, (await _store.DeleteVersionAsync(Scope, driverId, _model[i].Version, default)).Outcome);
                _model[i] = _model[i] with { Version = "" };
            }
        }

        _model.RemoveAll(v => v.Version.Length == 0);
    }

    private List<string> Expected(bool? published) => _model
        .Where(v => published is null || v.Published == published)
        .OrderByDescending(v => v.CreatedMs)
        .ThenByDescending(v => v.Version, StringComparer.Ordinal)
        .Select(v => v.Version)
        .ToList();

    private async Task<string[]> VersionsAsync(string driverId, VersionFilter filter)
    {
        var result = await _store.QueryVersionsAsync(Scope, driverId, filter, 0, 30, default);
        return [.. result.Value!.Items.Select(v => v.Version)];
    }
}

public sealed class SqliteVersionPagingTests : VersionPagingTests<SqliteStoreEngine>;

public sealed class PostgresVersionPagingTests : VersionPagingTests<PostgresStoreEngine>;
