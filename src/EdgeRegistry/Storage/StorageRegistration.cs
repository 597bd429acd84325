using EdgeRegistry.Hosting;
using EdgeRegistry.Storage.Caching;
using EdgeRegistry.Storage.Postgres;
using EdgeRegistry.Storage.Sqlite;
using EdgeRegistry.Storage.Timing;

namespace EdgeRegistry.Storage;

/// <summary>Chooses the storage provider once, at start-up; everything else asks for the store interfaces.</summary>
public static class StorageRegistration
{
    /// <summary>
    /// Registers <see cref="IStorageLifecycle"/>, the driver, object, account and admin stores and the blob store
    /// of the provider the settings name: PostgreSQL in scale-out mode, the embedded SQLite file otherwise; then the
    /// timing of every store call, and the read cache in front of the driver store, unless it is turned off.
    /// </summary>
    public static IServiceCollection AddRegistryStorage(this IServiceCollection services, ServerSettings settings)
    {
        _ = settings.ScaleOut ? services.AddPostgresStorage(settings) : services.AddSqliteStorage(settings);
        return services
            .AddStoreTiming(settings.ScaleOut ? StoreTimingRegistration.Postgres : StoreTimingRegistration.Sqlite)
            .AddReadCache(settings.ReadCacheMegabytes);
    }
}
