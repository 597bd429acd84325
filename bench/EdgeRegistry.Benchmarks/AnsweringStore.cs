using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Benchmarks;

/// <summary>
/// A driver store whose revision lookup answers at once with a task made beforehand (as SQLite answers
/// synchronously), so a benchmark of a wrapper around it measures the wrapper alone. Nothing else is called.
/// </summary>
internal sealed class AnsweringStore : IDriverStore
{
    private readonly Task<ReadRevision?> _revision = Task.FromResult<ReadRevision?>(new ReadRevision(1, 1));

    public Task<ReadRevision?> GetRevisionAsync(TenantScope scope, string? driverId, CancellationToken cancellationToken) => _revision;

    public Task<StoreOutcome> CreateDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<Driver>> QueryDriversAsync(TenantScope scope, string? nameContains, int offset, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Driver>> GetDriversAsync(TenantScope scope, IReadOnlyList<string> driverIds, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoreResult<IReadOnlyList<string>>> DeleteDriverAsync(TenantScope scope, string driverId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoreOutcome> CreateVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<StoreOutcome> ReplaceVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<StoreResult<DriverVersion>> GetVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoreResult<Page<DriverVersion>>> QueryVersionsAsync(TenantScope scope, string driverId, VersionFilter filter, int offset, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<StoreResult<IReadOnlyList<string>>> DeleteVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoreOutcome> ReleaseVersionAsync(TenantScope scope, string driverId, string version, long nowMs, CancellationToken cancellationToken) => throw new NotSupportedException();
}
