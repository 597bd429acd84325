using EdgeRegistry.Accounts;
using EdgeRegistry.Auth;
using EdgeRegistry.Hosting;
using EdgeRegistry.Packages;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>The embedded provider: one SQLite file and a blob folder in the data dir, or both in memory.</summary>
public sealed class SqliteStorage(SqliteDatabase database, string description) : IStorageLifecycle
{
    public string Description => description;

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => Task.FromResult(database.Migrate());

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => Task.FromResult(database.IsReachable());
}

public static class SqliteStorageRegistration
{
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, ServerSettings settings)
    {
        if (!settings.InMemory)
        {
            Directory.CreateDirectory(settings.DataDir);
        }

        var database = settings.InMemory
            ? SqliteDatabase.OpenInMemory()
            : SqliteDatabase.OpenFile(Path.Combine(settings.DataDir, "edgereg.db"), settings.Durability);
        services.AddSingleton(database);
        services.AddSingleton<IStorageLifecycle>(new SqliteStorage(database, settings.InMemory ? "in memory" : Path.GetFullPath(settings.DataDir)));
        services.AddSingleton<SqliteDriverStore>();
        services.AddSingleton<IDriverStore>(sp => sp.GetRequiredService<SqliteDriverStore>());
        services.AddSingleton<IDriverImportStore>(sp => sp.GetRequiredService<SqliteDriverStore>());
        services.AddSingleton<IAccountStore, SqliteAccountStore>();
        services.AddSingleton<IAdminStore, SqliteAdminStore>();
        services.AddSingleton<IObjectCatalog, SqliteObjectCatalog>();
        // Nonces follow the data: kept across restarts with the database file, lost with it in memory.
        if (settings.InMemory)
        {
            services.AddSingleton<INonceStore, InMemoryNonceStore>();
        }
        else
        {
            services.AddSingleton<INonceStore, SqliteNonceStore>();
        }

        services.AddSingleton<IBlobStore>(settings.InMemory
            ? new InMemoryBlobStore()
            : new FileSystemBlobStore(Path.Combine(settings.DataDir, "blobs")));
        return services;
    }
}
