using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Observability;

namespace EdgeRegistry.Storage.Timing;

/// <summary>
/// Times every call into the provider's driver store. It sits under the read cache, so a cache hit costs only the
/// revision lookup it really makes (<c>DriverStore.GetRevision</c>), never a page read.
/// </summary>
public sealed class TimedDriverStore(IDriverStore inner, StoreTimers timers) : IDriverStore
{
    private readonly StoreOperation _createDriver = timers.For("DriverStore.CreateDriver");
    private readonly StoreOperation _queryDrivers = timers.For("DriverStore.QueryDrivers");
    private readonly StoreOperation _getDrivers = timers.For("DriverStore.GetDrivers");
    private readonly StoreOperation _deleteDriver = timers.For("DriverStore.DeleteDriver");
    private readonly StoreOperation _createVersion = timers.For("DriverStore.CreateVersion");
    private readonly StoreOperation _replaceVersion = timers.For("DriverStore.ReplaceVersion");
    private readonly StoreOperation _getVersion = timers.For("DriverStore.GetVersion");
    private readonly StoreOperation _queryVersions = timers.For("DriverStore.QueryVersions");
    private readonly StoreOperation _deleteVersion = timers.For("DriverStore.DeleteVersion");
    private readonly StoreOperation _getRevision = timers.For("DriverStore.GetRevision");
    private readonly StoreOperation _releaseVersion = timers.For("DriverStore.ReleaseVersion");

    public Task<StoreOutcome> CreateDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken) =>
        _createDriver.Time((inner, scope, driver, cancellationToken), static s => s.inner.CreateDriverAsync(s.scope, s.driver, s.cancellationToken));

    public Task<Page<Driver>> QueryDriversAsync(TenantScope scope, string? nameContains, int offset, int limit, CancellationToken cancellationToken) =>
        _queryDrivers.Time((inner, scope, nameContains, offset, limit, cancellationToken),
            static s => s.inner.QueryDriversAsync(s.scope, s.nameContains, s.offset, s.limit, s.cancellationToken));

    public Task<IReadOnlyList<Driver>> GetDriversAsync(TenantScope scope, IReadOnlyList<string> driverIds, CancellationToken cancellationToken) =>
        _getDrivers.Time((inner, scope, driverIds, cancellationToken), static s => s.inner.GetDriversAsync(s.scope, s.driverIds, s.cancellationToken));

    public Task<StoreResult<IReadOnlyList<string>>> DeleteDriverAsync(TenantScope scope, string driverId, CancellationToken cancellationToken) =>
        _deleteDriver.Time((inner, scope, driverId, cancellationToken), static s => s.inner.DeleteDriverAsync(s.scope, s.driverId, s.cancellationToken));

    public Task<StoreOutcome> CreateVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken) =>
        _createVersion.Time((inner, scope, driverId, version, content, objects, nowMs, cancellationToken),
            static s => s.inner.CreateVersionAsync(s.scope, s.driverId, s.version, s.content, s.objects, s.nowMs, s.cancellationToken));

    public Task<StoreOutcome> ReplaceVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken) =>
        _replaceVersion.Time((inner, scope, driverId, version, content, objects, nowMs, cancellationToken),
            static s => s.inner.ReplaceVersionAsync(s.scope, s.driverId, s.version, s.content, s.objects, s.nowMs, s.cancellationToken));

    public Task<StoreResult<DriverVersion>> GetVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken) =>
        _getVersion.Time((inner, scope, driverId, version, cancellationToken), static s => s.inner.GetVersionAsync(s.scope, s.driverId, s.version, s.cancellationToken));

    public Task<StoreResult<Page<DriverVersion>>> QueryVersionsAsync(TenantScope scope, string driverId, VersionFilter filter, int offset, int limit, CancellationToken cancellationToken) =>
        _queryVersions.Time((inner, scope, driverId, filter, offset, limit, cancellationToken),
            static s => s.inner.QueryVersionsAsync(s.scope, s.driverId, s.filter, s.offset, s.limit, s.cancellationToken));

    public Task<StoreResult<IReadOnlyList<string>>> DeleteVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken) =>
        _deleteVersion.Time((inner, scope, driverId, version, cancellationToken), static s => s.inner.DeleteVersionAsync(s.scope, s.driverId, s.version, s.cancellationToken));

    public Task<ReadRevision?> GetRevisionAsync(TenantScope scope, string? driverId, CancellationToken cancellationToken) =>
        _getRevision.Time((inner, scope, driverId, cancellationToken), static s => s.inner.GetRevisionAsync(s.scope, s.driverId, s.cancellationToken));

    public Task<StoreOutcome> ReleaseVersionAsync(TenantScope scope, string driverId, string version, long nowMs, CancellationToken cancellationToken) =>
        _releaseVersion.Time((inner, scope, driverId, version, nowMs, cancellationToken),
            static s => s.inner.ReleaseVersionAsync(s.scope, s.driverId, s.version, s.nowMs, s.cancellationToken));
}
