namespace EdgeRegistry.Packages;

/// <summary>What a completed write stored: its length and the digests the server reports (MD5 is the ETag).</summary>
public sealed record BlobWritten(long Length, string Md5Hex, string Sha256Hex);

public enum BlobWriteError
{
    /// <summary>More than the allowed bytes arrived (or were announced); nothing was kept.</summary>
    TooLarge,

    /// <summary>The body's MD5 differs from the Content-MD5 the client sent; nothing was kept.</summary>
    BadDigest,

    /// <summary>The body ended before its announced length (a dropped connection); nothing was kept.</summary>
    Incomplete,
}

public sealed class BlobWriteException(BlobWriteError error, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public BlobWriteError Error { get; } = error;
}

/// <summary>
/// The bytes of uploaded packages, addressed by blob id (a new id for every upload, so replacing an object is a
/// metadata change and a reader never sees half of either version). Streams in and out: no blob is held whole in
/// memory by the filesystem implementation. Object metadata and links live elsewhere.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into a new blob that becomes visible only once complete and durable.
    /// Throws <see cref="BlobWriteException"/> (and keeps nothing) when the body is too large, its MD5 differs from
    /// <paramref name="expectedMd5"/>, or it is shorter than <paramref name="declaredLength"/>.
    /// </summary>
    Task<BlobWritten> WriteAsync(string blobId, Stream content, long? declaredLength, long maxBytes, byte[]? expectedMd5, CancellationToken cancellationToken);

    /// <summary>A readable, seekable stream over the blob, or null when there is none.</summary>
    Stream? OpenRead(string blobId);

    /// <summary>Removes the blob; removing a missing blob is not an error.</summary>
    Task DeleteAsync(string blobId, CancellationToken cancellationToken);

    /// <summary>Every blob id present, for clean-up of blobs no object points to.</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken);
}
