namespace EdgeRegistry.Packages;

public static class BlobStoreExtensions
{
    /// <summary>
    /// Removes the bytes of objects already deleted from the catalog. Runs after the operation committed, so a
    /// cancelled request must not stop it half-way.
    /// </summary>
    public static async Task DeleteAllAsync(this IBlobStore blobs, IEnumerable<string> blobIds)
    {
        foreach (var blobId in blobIds)
        {
            await blobs.DeleteAsync(blobId, CancellationToken.None);
        }
    }
}
