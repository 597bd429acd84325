using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Observability;

namespace EdgeRegistry.Storage.Timing;

/// <summary>Times the calls an import makes beyond <see cref="IDriverStore"/>.</summary>
public sealed class TimedDriverImportStore(IDriverImportStore inner, StoreTimers timers) : IDriverImportStore
{
    private readonly StoreOperation _findDriverScope = timers.For("DriverImportStore.FindDriverScope");
    private readonly StoreOperation _importDriver = timers.For("DriverImportStore.ImportDriver");

    public Task<TenantScope?> FindDriverScopeAsync(string driverId, CancellationToken cancellationToken) =>
        _findDriverScope.Time((inner, driverId, cancellationToken), static s => s.inner.FindDriverScopeAsync(s.driverId, s.cancellationToken));

    public Task<StoreOutcome> ImportDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken) =>
        _importDriver.Time((inner, scope, driver, cancellationToken), static s => s.inner.ImportDriverAsync(s.scope, s.driver, s.cancellationToken));
}
