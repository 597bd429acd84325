using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;

namespace EdgeRegistry.Storage;

/// <summary>
/// What an import needs beyond <see cref="IDriverStore"/>: DriverIds are global, so it must learn which scope holds
/// an id, and it keeps the source's modification time, which no API call sets.
/// </summary>
public interface IDriverImportStore
{
    /// <summary>The scope that holds the driver, in whatever account; null when no driver has the id.</summary>
    Task<TenantScope?> FindDriverScopeAsync(string driverId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a driver with the id and both times given; <see cref="StoreOutcome.DriverNameExists"/> when its name or
    /// its id is taken (the caller tells which with <see cref="FindDriverScopeAsync"/>).
    /// </summary>
    Task<StoreOutcome> ImportDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken);
}
