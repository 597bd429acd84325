using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace EdgeRegistry.Packages;

/// <summary>
/// Blobs in memory for <c>--in-memory</c> servers and tests, with the same checks as the filesystem store. A write
/// fills a private buffer and is published in one dictionary insert, so readers see a whole blob or none.
/// </summary>
public sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, ArraySegment<byte>> _blobs = new(StringComparer.Ordinal);

    public async Task<BlobWritten> WriteAsync(string blobId, Stream content, long? declaredLength, long maxBytes, byte[]? expectedMd5, CancellationToken cancellationToken)
    {
        BlobId.Validate(blobId);
        ArgumentNullException.ThrowIfNull(content);
        BlobCopy.CheckArguments(declaredLength, maxBytes, expectedMd5);
        if (_blobs.ContainsKey(blobId))
        {
            throw new InvalidOperationException($"Blob {blobId} already exists; blob ids are never reused.");
        }

        // Grows as bytes arrive rather than trusting the declared length with an allocation.
        using var buffer = new MemoryStream();
        var written = await BlobCopy.CopyAsync(content, buffer, declaredLength, maxBytes, expectedMd5, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        // The stream's own array, without a copy: nothing else holds the MemoryStream once this returns.
        if (!_blobs.TryAdd(blobId, new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length)))
        {
            throw new InvalidOperationException($"Blob {blobId} already exists; blob ids are never reused.");
        }
        return written;
    }

    public Stream? OpenRead(string blobId)
    {
        BlobId.Validate(blobId);
        return _blobs.TryGetValue(blobId, out var bytes)
            ? new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false)
            : null;
    }

    public Task DeleteAsync(string blobId, CancellationToken cancellationToken)
    {
        BlobId.Validate(blobId);
        _blobs.TryRemove(blobId, out _);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var blobId in _blobs.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return blobId;
        }
        await Task.CompletedTask;
    }
}
