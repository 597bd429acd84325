namespace EdgeRegistry.Packages;

public enum CommitOutcome
{
    Ok,
    NotFound,

    /// <summary>A published version names the object: its bytes are immutable.</summary>
    Published,

    /// <summary>The account's stored bytes with this upload (less the bytes it replaces) would pass its storage limit.</summary>
    StorageLimitExceeded,
}

public enum RegisterOutcome
{
    Registered,

    /// <summary>Another registration holds the key.</summary>
    KeyTaken,

    /// <summary>
    /// The driver is gone, or the version no longer takes the object (published, or — for a per-instance config —
    /// deleted), since the operation checked: nothing was registered.
    /// </summary>
    Refused,
}

/// <summary>The metadata of objects: registered when presigned, completed when uploaded, swept when orphaned.</summary>
public interface IObjectCatalog
{
    /// <summary>
    /// Records an object handed out by CreateEdgeOssPreSignedAddress, in one transaction with the check that its
    /// driver still exists in the object's scope and its version still takes it: a package or default config not a
    /// published version, a per-instance config an existing one.
    /// </summary>
    Task<RegisterOutcome> RegisterAsync(StoredObject stored, CancellationToken cancellationToken);

    Task<StoredObject?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Points the object at a newly written blob, unless a published version names it or the account's storage limit
    /// would be passed (checked in the same transaction, one upload of an account after the other, so concurrent
    /// uploads never overshoot it). On success returns the blob it pointed to before (to delete), if any.
    /// </summary>
    Task<(CommitOutcome Outcome, string? ReplacedBlobId)> CommitUploadAsync(string key, string blobId, BlobWritten written, string contentType, long nowMs, CancellationToken cancellationToken);

    /// <summary>The package bytes the account stores and its limit (null: unlimited).</summary>
    Task<StorageUsage> StorageUsageAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Removes objects no version names that were presigned before the cut-off; returns their blob ids.</summary>
    Task<IReadOnlyList<string>> RemoveOrphansAsync(long presignedBeforeMs, CancellationToken cancellationToken);

    /// <summary>True while an object points at the blob (a blob that no object points to is garbage).</summary>
    Task<bool> IsBlobInUseAsync(string blobId, CancellationToken cancellationToken);
}
