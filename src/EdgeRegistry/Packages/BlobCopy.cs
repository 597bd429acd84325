using System.Buffers;
using System.Security.Cryptography;

namespace EdgeRegistry.Packages;

/// <summary>
/// The part of a blob write both stores share: copy with a pooled buffer, hash as the bytes pass, and turn every
/// way a body can be unacceptable into a <see cref="BlobWriteException"/>. The caller discards the destination
/// when this throws.
/// </summary>
internal static class BlobCopy
{
    private const int BufferSize = 81920;

    /// <summary>Refuses an announced length over the limit before a byte is read (or a file created).</summary>
    public static void CheckArguments(long? declaredLength, long maxBytes, byte[]? expectedMd5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (declaredLength is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(declaredLength), declaredLength, "A declared length cannot be negative.");
        }
        if (expectedMd5 is not null && expectedMd5.Length != MD5.HashSizeInBytes)
        {
            // Decoding Content-MD5 (and answering InvalidDigest) is the HTTP layer's job.
            throw new ArgumentException("An expected MD5 is 16 bytes.", nameof(expectedMd5));
        }
        if (declaredLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
    }

    /// <summary>
    /// Copies <paramref name="content"/> to <paramref name="destination"/>. A declared length frames the body, as
    /// Content-Length does: nothing past it is read. Without one, reading stops at the first byte over the limit.
    /// </summary>
    public static async Task<BlobWritten> CopyAsync(Stream content, Stream destination, long? declaredLength, long maxBytes, byte[]? expectedMd5, CancellationToken cancellationToken)
    {
        CheckArguments(declaredLength, maxBytes, expectedMd5);
        var readLimit = declaredLength ?? (maxBytes == long.MaxValue ? long.MaxValue : maxBytes + 1);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            while (total < readLimit)
            {
                var chunk = buffer.AsMemory(0, (int)Math.Min(BufferSize, readLimit - total));
                var read = await ReadContentAsync(content, chunk, cancellationToken);
                if (read == 0)
                {
                    break;
                }
                total += read;
                if (total > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                // Errors of the destination (a full disk) are the server's, not the client's: they propagate as they are.
                await destination.WriteAsync(chunk[..read], cancellationToken);
            }
            if (total < declaredLength)
            {
                throw new BlobWriteException(BlobWriteError.Incomplete, $"The body ended after {total} of its {declaredLength} bytes.");
            }
            var actualMd5 = md5.GetHashAndReset();
            if (expectedMd5 is not null && !CryptographicOperations.FixedTimeEquals(actualMd5, expectedMd5))
            {
                throw new BlobWriteException(BlobWriteError.BadDigest, "The body's MD5 differs from the Content-MD5 sent with it.");
            }
            return new BlobWritten(total, Convert.ToHexStringLower(actualMd5), Convert.ToHexStringLower(sha256.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask<int> ReadContentAsync(Stream content, Memory<byte> chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadAsync(chunk, cancellationToken);
        }
        catch (IOException e)
        {
            // Kestrel reports a client that went away mid-body as an IOException (BadHttpRequestException,
            // ConnectionResetException), or as ConnectionAbortedException below when the connection is aborted.
            throw new BlobWriteException(BlobWriteError.Incomplete, $"The body could not be read to its end: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BlobWriteException(BlobWriteError.Incomplete, $"The body could not be read to its end: {e.Message}", e);
        }
    }

    private static BlobWriteException TooLarge(long maxBytes) =>
        new(BlobWriteError.TooLarge, $"The body is larger than the {maxBytes} bytes allowed.");
}
