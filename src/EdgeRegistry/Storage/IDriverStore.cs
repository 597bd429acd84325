using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;

namespace EdgeRegistry.Storage;

/// <summary>Why a store operation did not do what was asked; the operations map each to its business error.</summary>
public enum StoreOutcome
{
    Ok,
    DriverNotFound,
    DriverNameExists,
    DriverHasPublishedVersion,
    VersionNotFound,
    VersionExists,
    VersionPublished,

    /// <summary>
    /// An object the version names was removed after the operation checked it (its version or driver deleted, or
    /// swept as an orphan) and before the write's transaction: nothing was written.
    /// </summary>
    ObjectNotFound,
}

public sealed record StoreResult<T>(StoreOutcome Outcome, T? Value)
{
    public static StoreResult<T> Failed(StoreOutcome outcome) => new(outcome, default);
}

/// <summary>
/// What a read cache checks an entry against: the scope's revision (moves whenever a driver of the scope is created
/// or deleted) and the driver's (moves with every write of its versions, in the write's own transaction).
/// </summary>
public readonly record struct ReadRevision(long Scope, long Driver);

/// <summary>Which versions a query wants: one exact version, one state, or both, or all.</summary>
public sealed record VersionFilter(string? Version, bool? Published);

/// <summary>
/// Drivers and their versions, shaped like the operations. Every call names the tenant scope; a driver of another
/// scope is reported exactly as a driver that does not exist.
/// </summary>
public interface IDriverStore
{
    Task<StoreOutcome> CreateDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken);

    /// <summary>Drivers newest first; <paramref name="nameContains"/> filters by substring.</summary>
    Task<Page<Driver>> QueryDriversAsync(TenantScope scope, string? nameContains, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>The drivers among <paramref name="driverIds"/> that exist in the scope, in the order asked.</summary>
    Task<IReadOnlyList<Driver>> GetDriversAsync(TenantScope scope, IReadOnlyList<string> driverIds, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a driver, its versions and every object presigned for it, unless a version is published.
    /// Returns the blob ids of the deleted objects, for the caller to remove.
    /// </summary>
    Task<StoreResult<IReadOnlyList<string>>> DeleteDriverAsync(TenantScope scope, string driverId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds an unpublished version naming <paramref name="objects"/>, unless one of them is no longer an uploaded
    /// object (<see cref="StoreOutcome.ObjectNotFound"/>): that check and the insert share the transaction, so they
    /// are ordered with every delete and sweep.
    /// </summary>
    Task<StoreOutcome> CreateVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken);

    /// <summary>Replaces the whole content (and the objects named) of an unpublished version; objects as for Create.</summary>
    Task<StoreOutcome> ReplaceVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken);

    Task<StoreResult<DriverVersion>> GetVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a driver's versions, newest created first (ties: version descending), with the count of all
    /// matches. Its cost does not grow with the number of versions before the page.
    /// </summary>
    Task<StoreResult<Page<DriverVersion>>> QueryVersionsAsync(TenantScope scope, string driverId, VersionFilter filter, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes an unpublished version with the objects presigned for it that no other version names; returns their
    /// blob ids, for the caller to remove.
    /// </summary>
    Task<StoreResult<IReadOnlyList<string>>> DeleteVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken);

    /// <summary>
    /// The revisions of the scope and, when <paramref name="driverId"/> is given, of that driver (0 without one);
    /// null when the driver is not in the scope. One key lookup: a read cache pays it on every hit.
    /// </summary>
    Task<ReadRevision?> GetRevisionAsync(TenantScope scope, string? driverId, CancellationToken cancellationToken);

    /// <summary>Publishes a version; publishing a published version succeeds and changes nothing.</summary>
    Task<StoreOutcome> ReleaseVersionAsync(TenantScope scope, string driverId, string version, long nowMs, CancellationToken cancellationToken);
}
