using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Storage.Caching;

/// <summary>
/// The read cache: pages of versions and of drivers, kept per replica and proven current on every hit.
/// <para>
/// An entry remembers the <see cref="ReadRevision"/> it read <em>before</em> reading its answer. Every write moves the
/// revision in its own transaction, so an entry whose revision still reads the same holds every acknowledged write,
/// on this replica or any other that shares the database: a hit costs one key lookup instead of a page. Tenancy is
/// part of every key, and the revision lookup is scoped too. Writes pass straight through; nothing is invalidated
/// by hand, so nothing can be forgotten. Download links are not part of what is cached (the operations sign them
/// per answer).
/// </para>
/// </summary>
public sealed class CachingDriverStore(IDriverStore inner, ReadCache cache) : IDriverStore
{
    public async Task<StoreResult<Page<DriverVersion>>> QueryVersionsAsync(TenantScope scope, string driverId, VersionFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        if (await inner.GetRevisionAsync(scope, driverId, cancellationToken) is not { } revision)
        {
            return StoreResult<Page<DriverVersion>>.Failed(StoreOutcome.DriverNotFound);
        }

        var key = new VersionPageKey(scope.AccountId, scope.InstanceId, driverId, filter.Version, filter.Published, offset, limit);
        if (cache.TryGet(key, revision, out StoreResult<Page<DriverVersion>>? cached))
        {
            return cached;
        }

        var result = await inner.QueryVersionsAsync(scope, driverId, filter, offset, limit, cancellationToken);
        if (result.Value is { } page)
        {
            AttachRenders(page.Items);
            cache.Set(key, revision, result, CacheSizes.Of(page));
        }

        return result;
    }

    public async Task<Page<Driver>> QueryDriversAsync(TenantScope scope, string? nameContains, int offset, int limit, CancellationToken cancellationToken)
    {
        var revision = (await inner.GetRevisionAsync(scope, null, cancellationToken))!.Value;
        var key = new DriverPageKey(scope.AccountId, scope.InstanceId, nameContains, offset, limit);
        if (cache.TryGet(key, revision, out Page<Driver>? cached))
        {
            return cached;
        }

        var page = await inner.QueryDriversAsync(scope, nameContains, offset, limit, cancellationToken);
        AttachRenders(page.Items);
        cache.Set(key, revision, page, CacheSizes.Of(page));
        return page;
    }

    /// <summary>
    /// Cached too, though the store finds a version with one key lookup, as cheap as proving an entry: what a hit
    /// saves is writing the answer (the version's render is kept with it).
    /// </summary>
    public async Task<StoreResult<DriverVersion>> GetVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken)
    {
        if (await inner.GetRevisionAsync(scope, driverId, cancellationToken) is not { } revision)
        {
            return StoreResult<DriverVersion>.Failed(StoreOutcome.DriverNotFound);
        }

        var key = new VersionKey(scope.AccountId, scope.InstanceId, driverId, version);
        if (cache.TryGet(key, revision, out StoreResult<DriverVersion>? cached))
        {
            return cached;
        }

        var result = await inner.GetVersionAsync(scope, driverId, version, cancellationToken);
        if (result.Value is { } found)
        {
            AttachRenders([found]);
            cache.Set(key, revision, result, CacheSizes.Of(new Page<DriverVersion>([found], 1)));
        }

        return result;
    }

    // A batch of drivers costs the store one key lookup per driver, as much as proving entries would.

    public Task<IReadOnlyList<Driver>> GetDriversAsync(TenantScope scope, IReadOnlyList<string> driverIds, CancellationToken cancellationToken) =>
        inner.GetDriversAsync(scope, driverIds, cancellationToken);

    public Task<ReadRevision?> GetRevisionAsync(TenantScope scope, string? driverId, CancellationToken cancellationToken) =>
        inner.GetRevisionAsync(scope, driverId, cancellationToken);

    public Task<StoreOutcome> CreateDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken) =>
        inner.CreateDriverAsync(scope, driver, cancellationToken);

    public Task<StoreResult<IReadOnlyList<string>>> DeleteDriverAsync(TenantScope scope, string driverId, CancellationToken cancellationToken) =>
        inner.DeleteDriverAsync(scope, driverId, cancellationToken);

    public Task<StoreOutcome> CreateVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken) =>
        inner.CreateVersionAsync(scope, driverId, version, content, objects, nowMs, cancellationToken);

    public Task<StoreOutcome> ReplaceVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken) =>
        inner.ReplaceVersionAsync(scope, driverId, version, content, objects, nowMs, cancellationToken);

    public Task<StoreResult<IReadOnlyList<string>>> DeleteVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken) =>
        inner.DeleteVersionAsync(scope, driverId, version, cancellationToken);

    public Task<StoreOutcome> ReleaseVersionAsync(TenantScope scope, string driverId, string version, long nowMs, CancellationToken cancellationToken) =>
        inner.ReleaseVersionAsync(scope, driverId, version, nowMs, cancellationToken);

    /// <summary>What the cache keeps is answered many times: the wire writers keep a render of each record with it.</summary>
    private static void AttachRenders<T>(IReadOnlyList<T> records)
        where T : class
    {
        foreach (var record in records)
        {
            WireRender.Attach(record);
        }
    }

    private sealed record VersionKey(string AccountId, string InstanceId, string DriverId, string Version);

    private sealed record VersionPageKey(string AccountId, string InstanceId, string DriverId, string? Version, bool? Published, int Offset, int Limit);

    private sealed record DriverPageKey(string AccountId, string InstanceId, string? NameContains, int Offset, int Limit);
}
