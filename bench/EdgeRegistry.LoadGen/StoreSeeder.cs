using System.Diagnostics;
using System.Security.Cryptography;
using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Sqlite;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// The fast seeding path for the large data sets: while the server is stopped, writes drivers and versions into
/// its database file through the server's own store code (<see cref="SqliteDriverStore"/>, one call per row, each
/// its own transaction), in the default account the server created on its first start.
/// </summary>
/// <param name="blobDir">
/// Where to store real package files (the backup timing needs bytes to copy and digests to check); null: packages are
/// recorded without bytes, which the scenarios never read.
/// </param>
public sealed class StoreSeeder(string databasePath, string? blobDir = null, int packageBytes = 65536)
{
    private FileSystemBlobStore? _blobs;

    private SqliteObjectCatalog? _catalog;

    public async Task<SeedReport> SeedDeepAsync(DataSets data, int versions, CancellationToken cancellationToken) =>
        await SeedAsync("deep", async (store, scope, clock) =>
        {
            data.DeepDriverId = await CreateDriverAsync(store, scope, "deep_driver", clock, cancellationToken);
            data.DeepVersionCount = versions;
            await AddVersionsAsync(store, scope, data.DeepDriverId, versions, DataSets.DeepVersion, clock, cancellationToken);
            return 1 + versions;
        });

    public async Task<SeedReport> SeedWideAsync(DataSets data, int drivers, int versionsPerDriver, CancellationToken cancellationToken) =>
        await SeedAsync("wide", async (store, scope, clock) =>
        {
            var ids = new string[drivers];
            var progress = Stopwatch.StartNew();
            for (var d = 0; d < drivers; d++)
            {
                ids[d] = await CreateDriverAsync(store, scope, $"wide_{d:D5}", clock, cancellationToken);
                await AddVersionsAsync(store, scope, ids[d], versionsPerDriver, DataSets.WideVersion, clock, cancellationToken);
                if (progress.Elapsed > TimeSpan.FromSeconds(15))
                {
                    Console.WriteLine($"  … {d + 1:N0} of {drivers:N0} drivers");
                    progress.Restart();
                }
            }

            data.WideDriverIds = ids;
            return drivers * (1L + versionsPerDriver);
        });

    private async Task<SeedReport> SeedAsync(string name, Func<SqliteDriverStore, TenantScope, Clock, Task<long>> seed)
    {
        // NORMAL: a seeding run that loses power is simply run again; FULL would fsync each of a million rows.
        using var database = SqliteDatabase.OpenFile(databasePath, SqliteDurability.Normal);
        database.Migrate();
        var account = await new SqliteAccountStore(database, TimeProvider.System).FindDefaultAccountAsync(CancellationToken.None)
            ?? throw new InvalidOperationException("The database has no default account: start the server on it once first.");
        var started = Stopwatch.GetTimestamp();
        _catalog = new SqliteObjectCatalog(database);
        _blobs = blobDir is null ? null : new FileSystemBlobStore(blobDir);
        var rows = await seed(new SqliteDriverStore(database), new TenantScope(account, ""), new Clock());
        return new SeedReport(name, rows, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<string> CreateDriverAsync(SqliteDriverStore store, TenantScope scope, string name, Clock clock, CancellationToken cancellationToken)
    {
        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var now = clock.Next();
        var outcome = await store.CreateDriverAsync(scope, new Driver(id, name, "modbus", "python3", "x86-64", false, now, now), cancellationToken);
        return outcome == StoreOutcome.Ok ? id : throw new InvalidOperationException($"Seeding driver {name}: {outcome}");
    }

    private async Task AddVersionsAsync(SqliteDriverStore store, TenantScope scope, string driverId, int count, Func<int, string> version,
        Clock clock, CancellationToken cancellationToken)
    {
        var package = await RegisterPackageAsync(scope, driverId, clock.Next(), cancellationToken);
        for (var i = 0; i < count; i++)
        {
            var outcome = await store.CreateVersionAsync(scope, driverId, version(i), package.Content, package.References, clock.Next(), cancellationToken);
            if (outcome != StoreOutcome.Ok)
            {
                throw new InvalidOperationException($"Seeding version {version(i)}: {outcome}");
            }
        }
    }

    /// <summary>
    /// A code package for the driver, recorded through the server's object catalog as an upload would record it
    /// (its bytes are never read by the scenarios, so no blob is written unless a blob folder was given).
    /// </summary>
    private async Task<(DriverVersionContent Content, ObjectReferences References)> RegisterPackageAsync(TenantScope scope, string driverId, long now,
        CancellationToken cancellationToken)
    {
        var key = $"driver/bench/{ObjectKinds.DriverPackage}/{driverId}/bench/{now}/driver.zip";
        await _catalog!.RegisterAsync(new StoredObject(key, scope.AccountId, scope.InstanceId, ObjectKinds.DriverPackage, driverId, "bench", "", "driver.zip", now),
            cancellationToken);
        var blobId = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var written = new BlobWritten(65536, "", "");
        if (_blobs is not null)
        {
            using var bytes = new MemoryStream(RandomNumberGenerator.GetBytes(packageBytes));
            written = await _blobs.WriteAsync(blobId, bytes, packageBytes, packageBytes, null, cancellationToken);
        }

        await _catalog.CommitUploadAsync(key, blobId, written, "application/zip", now, cancellationToken);
        return (SampleContent.Content("http://127.0.0.1" + PackageLinks.PathPrefix + key), new ObjectReferences(key, [key]));
    }

    /// <summary>
    /// Creation times one millisecond apart, ending now: distinct times keep every version out of the store's
    /// same-millisecond tie ordering, as versions created by people are.
    /// </summary>
    private sealed class Clock
    {
        private long _next = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 5_000_000;

        public long Next() => _next++;
    }
}

public sealed record SeedReport(string Name, long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public override string ToString() => $"seeded {Name}: {Rows:N0} rows in {Elapsed.TotalSeconds:0.0} s ({RowsPerSecond:N0} rows/s, through SqliteDriverStore)";
}
