using EdgeRegistry.Accounts;
using EdgeRegistry.Hosting;
using EdgeRegistry.Packages;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>The scale-out provider: every store, package bytes included, in one PostgreSQL shared by the replicas.</summary>
public sealed class PostgresStorage(PostgresDatabase database, string description) : IStorageLifecycle
{
    public string Description => description;

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => database.IsReadyAsync(cancellationToken);

    /// <summary>"PostgreSQL host:port/database": where the data is, without user or password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}";
    }
}

public static class PostgresStorageRegistration
{
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, ServerSettings settings)
    {
        var connectionString = settings.Postgres ?? throw new InvalidOperationException("Postgres storage needs the Postgres setting.");
        // No data lives there, but the replica's own files do: the master key file (unless MasterKey is set), the
        // first start's root credentials and admin token.
        Directory.CreateDirectory(settings.DataDir);
        // A factory, so the container owns the data source and closes its connections at shutdown.
        services.AddSingleton(_ => PostgresDatabase.Open(connectionString));
        services.AddSingleton<IStorageLifecycle>(s => new PostgresStorage(s.GetRequiredService<PostgresDatabase>(), PostgresStorage.Describe(connectionString)));
        services.AddSingleton<PostgresDriverStore>();
        services.AddSingleton<IDriverStore>(sp => sp.GetRequiredService<PostgresDriverStore>());
        services.AddSingleton<IDriverImportStore>(sp => sp.GetRequiredService<PostgresDriverStore>());
        services.AddSingleton<IAccountStore, PostgresAccountStore>();
        services.AddSingleton<IAdminStore, PostgresAdminStore>();
        services.AddSingleton<IObjectCatalog, PostgresObjectCatalog>();
        services.AddSingleton<IBlobStore, PostgresBlobStore>();
        return services;
    }
}
