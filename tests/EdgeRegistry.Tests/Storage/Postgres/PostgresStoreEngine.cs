using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Postgres;
using EdgeRegistry.Tests.Storage.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Storage.Postgres;

/// <summary>
/// The scale-out engine: a fresh schema in the test PostgreSQL, migrated like a replica does at start-up. Without
/// <c>EDGEREG_TEST_POSTGRES</c> every suite fails, saying how to start the server (never skips).
/// </summary>
public sealed class PostgresStoreEngine : IStoreEngine
{
    private PostgresSchema? _schema;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-20T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public PostgresDatabase Database { get; private set; } = null!;

    public IDriverStore Drivers { get; private set; } = null!;

    public IObjectCatalog Objects { get; private set; } = null!;

    public IAccountStore Accounts { get; private set; } = null!;

    public IAdminStore Admin { get; private set; } = null!;

    /// <summary>The schema's connection string, for a second data source (a second replica) on the same database.</summary>
    public string ConnectionString => _schema!.ConnectionString;

    public async Task StartAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        Database = PostgresDatabase.Open(_schema.ConnectionString);
        await Database.MigrateAsync(CancellationToken.None);
        Drivers = new PostgresDriverStore(Database);
        Objects = new PostgresObjectCatalog(Database);
        Accounts = new PostgresAccountStore(Database, Time);
        Admin = new PostgresAdminStore(Database, Time);
    }

    public async ValueTask DisposeAsync()
    {
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}

public sealed class PostgresDriverStoreContractTests : DriverStoreContract<PostgresStoreEngine>;

public sealed class PostgresDriverImportStoreContractTests : DriverImportStoreContract<PostgresStoreEngine>;

public sealed class PostgresVersionStoreContractTests : VersionStoreContract<PostgresStoreEngine>;

public sealed class PostgresObjectCatalogContractTests : ObjectCatalogContract<PostgresStoreEngine>;

public sealed class PostgresAccountStoreContractTests : AccountStoreContract<PostgresStoreEngine>;

public sealed class PostgresAdminStoreContractTests : AdminStoreContract<PostgresStoreEngine>;

public sealed class PostgresCachedDriverStoreContractTests : DriverStoreContract<CachedEngine<PostgresStoreEngine>>;

public sealed class PostgresCachedVersionStoreContractTests : VersionStoreContract<CachedEngine<PostgresStoreEngine>>;

public sealed class PostgresReadRevisionContractTests : ReadRevisionContract<PostgresStoreEngine>;
public sealed class PostgresStorageLimitContractTests : StorageLimitContract<PostgresStoreEngine>;
