using BenchmarkDotNet.Attributes;
using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Sqlite;

namespace EdgeRegistry.Benchmarks;

/// <summary>The store's share of a read: one page of a driver with ten versions, and one version by key.</summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private static readonly TenantScope Scope = new("1000000000000001", "");
    private readonly string _dir = Directory.CreateTempSubdirectory("edgereg-bench-store-").FullName;
    private SqliteDatabase _database = null!;
    private SqliteDriverStore _store = null!;
    private string _driverId = "";

    [GlobalSetup]
    public void Setup()
    {
        _database = SqliteDatabase.OpenFile(Path.Combine(_dir, "edgereg.db"));
        _database.Migrate();
        _store = new SqliteDriverStore(_database);
        _driverId = Guid.NewGuid().ToString("N");
        _store.CreateDriverAsync(Scope, new Driver(_driverId, "bench", "modbus", "python3", "", false, 1, 1), default).GetAwaiter().GetResult();
        var content = new DriverVersionContent("2.4.0", "bench", "", "", "{\"privileged\":1}", "", "");
        for (var i = 0; i < 10; i++)
        {
            _store.CreateVersionAsync(Scope, _driverId, $"1.0.{i}", content, ObjectReferences.None, 1000 + i, default).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public Task<StoreResult<Page<DriverVersion>>> QueryFirstPage() =>
        _store.QueryVersionsAsync(Scope, _driverId, new VersionFilter(null, null), 0, 10, default);

    [Benchmark]
    public Task<StoreResult<DriverVersion>> GetVersion() => _store.GetVersionAsync(Scope, _driverId, "1.0.5", default);
}
