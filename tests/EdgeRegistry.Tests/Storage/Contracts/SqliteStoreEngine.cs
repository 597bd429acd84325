using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>The embedded engine: a real SQLite file in a temp folder, migrated like the server does at start-up.</summary>
public sealed class SqliteStoreEngine : IStoreEngine
{
    private TempDatabase? _db;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-20T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public IDriverStore Drivers { get; private set; } = null!;

    public IObjectCatalog Objects { get; private set; } = null!;

    public IAccountStore Accounts { get; private set; } = null!;

    public IAdminStore Admin { get; private set; } = null!;

    public Task StartAsync()
    {
        _db = new TempDatabase();
        Drivers = new SqliteDriverStore(_db.Database);
        Objects = new SqliteObjectCatalog(_db.Database);
        Accounts = new SqliteAccountStore(_db.Database, Time);
        Admin = new SqliteAdminStore(_db.Database, Time);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _db?.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class SqliteDriverStoreContractTests : DriverStoreContract<SqliteStoreEngine>;

public sealed class SqliteDriverImportStoreContractTests : DriverImportStoreContract<SqliteStoreEngine>;

public sealed class SqliteVersionStoreContractTests : VersionStoreContract<SqliteStoreEngine>;

public sealed class SqliteObjectCatalogContractTests : ObjectCatalogContract<SqliteStoreEngine>;

public sealed class SqliteAccountStoreContractTests : AccountStoreContract<SqliteStoreEngine>;

public sealed class SqliteAdminStoreContractTests : AdminStoreContract<SqliteStoreEngine>;
public sealed class SqliteStorageLimitContractTests : StorageLimitContract<SqliteStoreEngine>;
