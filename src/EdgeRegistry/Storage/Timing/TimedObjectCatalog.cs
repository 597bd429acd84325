using EdgeRegistry.Observability;
using EdgeRegistry.Packages;

namespace EdgeRegistry.Storage.Timing;

/// <summary>Times every call into the provider's object catalog (the metadata of uploads; their bytes are the blob store's).</summary>
public sealed class TimedObjectCatalog(IObjectCatalog inner, StoreTimers timers) : IObjectCatalog
{
    private readonly StoreOperation _register = timers.For("ObjectCatalog.Register");
    private readonly StoreOperation _find = timers.For("ObjectCatalog.Find");
    private readonly StoreOperation _commitUpload = timers.For("ObjectCatalog.CommitUpload");
    private readonly StoreOperation _storageUsage = timers.For("ObjectCatalog.StorageUsage");
    private readonly StoreOperation _removeOrphans = timers.For("ObjectCatalog.RemoveOrphans");
    private readonly StoreOperation _isBlobInUse = timers.For("ObjectCatalog.IsBlobInUse");

    public Task<RegisterOutcome> RegisterAsync(StoredObject stored, CancellationToken cancellationToken) =>
        _register.Time((inner, stored, cancellationToken), static s => s.inner.RegisterAsync(s.stored, s.cancellationToken));

    public Task<StoredObject?> FindAsync(string key, CancellationToken cancellationToken) =>
        _find.Time((inner, key, cancellationToken), static s => s.inner.FindAsync(s.key, s.cancellationToken));

    public Task<(CommitOutcome Outcome, string? ReplacedBlobId)> CommitUploadAsync(string key, string blobId, BlobWritten written, string contentType, long nowMs, CancellationToken cancellationToken) =>
        _commitUpload.Time((inner, key, blobId, written, contentType, nowMs, cancellationToken),
            static s => s.inner.CommitUploadAsync(s.key, s.blobId, s.written, s.contentType, s.nowMs, s.cancellationToken));

    public Task<StorageUsage> StorageUsageAsync(string accountId, CancellationToken cancellationToken) =>
        _storageUsage.Time((inner, accountId, cancellationToken), static s => s.inner.StorageUsageAsync(s.accountId, s.cancellationToken));

    public Task<IReadOnlyList<string>> RemoveOrphansAsync(long presignedBeforeMs, CancellationToken cancellationToken) =>
        _removeOrphans.Time((inner, presignedBeforeMs, cancellationToken), static s => s.inner.RemoveOrphansAsync(s.presignedBeforeMs, s.cancellationToken));

    public Task<bool> IsBlobInUseAsync(string blobId, CancellationToken cancellationToken) =>
        _isBlobInUse.Time((inner, blobId, cancellationToken), static s => s.inner.IsBlobInUseAsync(s.blobId, s.cancellationToken));
}
