using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Postgres;

namespace EdgeRegistry.Tests.Storage.Postgres;

/// <summary>
/// Two replicas — two stores on two data sources (two connection pools) over one database — racing the writes
/// that "check, then insert" would get wrong under READ COMMITTED. Every outcome must be one a serial order of the
/// two calls could give, and none may throw.
/// </summary>
public sealed class PostgresReplicaRaceTests : IAsyncLifetime
{
    private const int Rounds = 25;
    private static readonly TenantScope Scope = new("1000000000000001", "");
    private static readonly DriverVersionContent Content = new("2.4.0", "", "", "", "", "", "");

    private readonly PostgresStoreEngine _engine = new();
    private PostgresDatabase _second = null!;
    private IDriverStore[] _drivers = null!;
    private IObjectCatalog[] _objects = null!;

    public async Task InitializeAsync()
    {
        await _engine.StartAsync();
        _second = PostgresDatabase.Open(_engine.ConnectionString);
        _drivers = [_engine.Drivers, new PostgresDriverStore(_second)];
        _objects = [_engine.Objects, new PostgresObjectCatalog(_second)];
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task Duplicate_creates_on_both_replicas_end_with_exactly_one_driver_and_one_version()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var drivers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
                _drivers[i % 2].CreateDriverAsync(Scope, NewDriver($"raced-{round}"), default))));
            Assert.Equal(1, drivers.Count(o => o == StoreOutcome.Ok));
            Assert.All(drivers.Where(o => o != StoreOutcome.Ok), o => Assert.Equal(StoreOutcome.DriverNameExists, o));
        }

        Assert.Equal(Rounds, (await _drivers[1].QueryDriversAsync(Scope, null, 0, 1, default)).Total);
        var driver = (await _drivers[0].QueryDriversAsync(Scope, null, 0, 1, default)).Items[0].DriverId;
        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            _drivers[i % 2].CreateVersionAsync(Scope, driver, "1.0.0", Content, ObjectReferences.None, 1000 + i, default))));
        Assert.Equal(1, versions.Count(o => o == StoreOutcome.Ok));
        Assert.All(versions.Where(o => o != StoreOutcome.Ok), o => Assert.Equal(StoreOutcome.VersionExists, o));
        Assert.Single((await _drivers[1].QueryVersionsAsync(Scope, driver, new(null, null), 0, 10, default)).Value!.Items);
    }

    /// <summary>
    /// Version B is created naming version A's package while another replica deletes A: either B names a package
    /// that is still there, or B is refused with ObjectNotFound and the package is gone — never B with no package.
    /// </summary>
    [Fact]
    public async Task A_create_naming_an_object_racing_its_deletion_on_another_replica_never_leaves_a_dangling_reference()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Rounds).Select(async round =>
        {
            var driver = NewDriver($"race-{round}");
            Assert.Equal(StoreOutcome.Ok, await _drivers[0].CreateDriverAsync(Scope, driver, default));
            var package = await UploadedAsync(driver.DriverId, "A", $"p{round}");
            var refs = new ObjectReferences(package, [package]);
            Assert.Equal(StoreOutcome.Ok, await _drivers[0].CreateVersionAsync(Scope, driver.DriverId, "A", Content, refs, 1000, default));

            var delete = Task.Run(() => _drivers[0].DeleteVersionAsync(Scope, driver.DriverId, "A", default));
            var create = Task.Run(() => _drivers[1].CreateVersionAsync(Scope, driver.DriverId, "B", Content, refs, 2000, default));
            Assert.Equal(StoreOutcome.Ok, (await delete).Outcome);
            return await AssertConsistentAsync(driver.DriverId, package, await create);
        }));

        Assert.All(outcomes, o => Assert.Contains(o, new[] { StoreOutcome.Ok, StoreOutcome.ObjectNotFound }));
    }

    /// <summary>The orphan sweep locks no driver: here the foreign key and the FOR KEY SHARE lock alone order the two.</summary>
    [Fact]
    public async Task A_create_naming_an_orphan_racing_the_sweep_on_another_replica_never_leaves_a_dangling_reference()
    {
        var outcomes = new List<StoreOutcome>();
        for (var round = 0; round < Rounds; round++)
        {
            var driver = NewDriver($"sweep-{round}");
            Assert.Equal(StoreOutcome.Ok, await _drivers[0].CreateDriverAsync(Scope, driver, default));
            var orphan = await UploadedAsync(driver.DriverId, "1.0.0", $"o{round}");

            var sweep = Task.Run(() => _objects[0].RemoveOrphansAsync(long.MaxValue, default));
            var create = Task.Run(() => _drivers[1].CreateVersionAsync(Scope, driver.DriverId, "B", Content, new(orphan, [orphan]), 2000, default));
            await sweep;
            outcomes.Add(await AssertConsistentAsync(driver.DriverId, orphan, await create));
        }

        Assert.All(outcomes, o => Assert.Contains(o, new[] { StoreOutcome.Ok, StoreOutcome.ObjectNotFound }));
    }

    /// <summary>Version B exists exactly when its object does.</summary>
    private async Task<StoreOutcome> AssertConsistentAsync(string driverId, string objectKey, StoreOutcome created)
    {
        var version = await _drivers[0].GetVersionAsync(Scope, driverId, "B", default);
        var stored = await _objects[0].FindAsync(objectKey, default);
        if (created == StoreOutcome.Ok)
        {
            Assert.Equal(objectKey, version.Value!.SourceObjectKey);
            Assert.NotNull(stored);
        }
        else
        {
            Assert.Equal(StoreOutcome.VersionNotFound, version.Outcome);
            Assert.Null(stored);
        }

        return created;
    }

    private async Task<string> UploadedAsync(string driverId, string version, string name)
    {
        var stored = new StoredObject($"driver/h/{ObjectKinds.DriverPackage}/{driverId}/{version}/1/{name}.zip",
            Scope.AccountId, Scope.InstanceId, ObjectKinds.DriverPackage, driverId, version, "", name + ".zip", 1);
        Assert.Equal(RegisterOutcome.Registered, await _objects[0].RegisterAsync(stored, default));
        Assert.Equal(CommitOutcome.Ok, (await _objects[0].CommitUploadAsync(stored.Key, Guid.NewGuid().ToString("N"), new BlobWritten(1, "m", "s"), "", 2, default)).Outcome);
        return stored.Key;
    }

    private static Driver NewDriver(string name) => new(Guid.NewGuid().ToString("N"), name, "modbus", "python3", "", false, 1, 1);
}
