using EdgeRegistry.Accounts;
using EdgeRegistry.Observability;
using EdgeRegistry.Packages;

namespace EdgeRegistry.Storage.Timing;

/// <summary>
/// Wraps the stores the provider registered in their timing decorators, the same for both engines, so
/// <c>edgereg_store_operation_duration_seconds</c> and <c>edgereg_store_errors_total</c> mean one thing in both
/// modes. Registered before the read cache, which then sits in front: its hits are not store calls. Without
/// <see cref="RegistryMetrics"/> (a store built outside the server) the stores stay bare. The nonce store is not
/// wrapped: its check is in memory (SQLite) or in Redis, which <c>edgereg_redis_*</c> times; the SQLite nonce
/// store times its own writes (<c>NonceStore.Flush</c>).
/// </summary>
public static class StoreTimingRegistration
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static IServiceCollection AddStoreTiming(this IServiceCollection services, string engine) => services
        .Decorate<IDriverStore>((s, store) => Timers(s, engine) is { } timers ? new TimedDriverStore(store, timers) : store)
        .Decorate<IDriverImportStore>((s, store) => Timers(s, engine) is { } timers ? new TimedDriverImportStore(store, timers) : store)
        .Decorate<IAccountStore>((s, store) => Timers(s, engine) is { } timers ? new TimedAccountStore(store, timers) : store)
        .Decorate<IAdminStore>((s, store) => Timers(s, engine) is { } timers ? new TimedAdminStore(store, timers) : store)
        .Decorate<IObjectCatalog>((s, store) => Timers(s, engine) is { } timers ? new TimedObjectCatalog(store, timers) : store);

    private static StoreTimers? Timers(IServiceProvider services, string engine) => services.GetService<RegistryMetrics>()?.StoreTimers(engine);
}
