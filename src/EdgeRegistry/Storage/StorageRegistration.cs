using EdgeRegistry.Hosting;
using EdgeRegistry.Storage.Sqlite;

namespace EdgeRegistry.Storage;

/// <summary>Chooses the storage provider once, at start-up; everything else asks for the store interfaces.</summary>
public static class StorageRegistration
{
    /// <summary>
    /// Registers <see cref="IStorageLifecycle"/>, the driver, object, account and admin stores and the blob store
    /// of the provider the settings name (the embedded SQLite one is the only provider so far).
    /// </summary>
    public static IServiceCollection AddRegistryStorage(this IServiceCollection services, ServerSettings settings) =>
        services.AddSqliteStorage(settings);
}
