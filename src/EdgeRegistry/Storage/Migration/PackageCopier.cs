using System.Data;
using System.Security.Cryptography;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage.Postgres;
using Npgsql;

namespace EdgeRegistry.Storage.Migration;

/// <summary>
/// Streams every uploaded object's bytes from the data dir's blob folder into <c>blob_chunks</c> (one binary COPY
/// for all of them, 1 MiB rows, as <see cref="PostgresBlobStore"/> writes), checking length, MD5 and SHA-256
/// against what the upload recorded; then reads every blob back from PostgreSQL and checks its SHA-256 again.
/// Memory: one copy buffer and one chunk, whatever the package sizes.
/// </summary>
internal static class PackageCopier
{
    private sealed record Package(string ObjectKey, string BlobId, long Length, string? Md5, string? Sha256);

    public static async Task<(long Blobs, long Bytes)> CopyAsync(EmbeddedSource source, string blobDir, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var packages = Packages(source);
        var blobs = new FileSystemBlobStore(blobDir);
        var copied = new Dictionary<string, string>(StringComparer.Ordinal);
        long bytes = 0;
        await using (var importer = await target.BeginBinaryImportAsync("COPY blob_chunks (blob_id, chunk, data) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            // A failed check ends the COPY normally before it is thrown: Npgsql's cancel-on-dispose of an import would
            // replace it with its own error, and the transaction is rolled back either way.
            MigrationException? failure = null;
            foreach (var package in packages.Where(p => !copied.ContainsKey(p.BlobId)))
            {
                try
                {
                    bytes += await CopyOneAsync(importer, blobs, blobDir, package, copied, cancellationToken);
                }
                catch (MigrationException e)
                {
                    failure = e;
                    break;
                }
            }

            await importer.CompleteAsync(cancellationToken);
            if (failure is not null)
            {
                throw failure;
            }
        }

        foreach (var package in packages)
        {
            var stored = await TargetSha256Async(target, package.BlobId, cancellationToken);
            if (stored != copied[package.BlobId])
            {
                throw Mismatch(package, $"the bytes read back from PostgreSQL have SHA-256 {stored}, not {copied[package.BlobId]}");
            }
        }

        return (copied.Count, bytes);
    }

    private static async Task<long> CopyOneAsync(NpgsqlBinaryImporter importer, FileSystemBlobStore blobs, string blobDir, Package package,
        Dictionary<string, string> copied, CancellationToken cancellationToken)
    {
        await using var content = blobs.OpenRead(package.BlobId)
            ?? throw Mismatch(package, $"its package file {BlobPath(blobDir, package.BlobId)} is missing");
        await using var chunks = new PostgresBlobChunkWriter(importer, package.BlobId);
        BlobWritten written;
        try
        {
            written = await BlobCopy.CopyAsync(content, chunks, declaredLength: null, maxBytes: package.Length, expectedMd5: null, cancellationToken);
        }
        catch (BlobWriteException e) when (e.Error == BlobWriteError.TooLarge)
        {
            throw Mismatch(package, $"its package file {BlobPath(blobDir, package.BlobId)} is longer than the {package.Length} bytes uploaded");
        }

        await chunks.FlushLastAsync(cancellationToken);
        if (written.Length != package.Length || !Same(written.Sha256Hex, package.Sha256) || !Same(written.Md5Hex, package.Md5))
        {
            throw Mismatch(package,
                $"its package file {BlobPath(blobDir, package.BlobId)} has {written.Length} bytes with SHA-256 {written.Sha256Hex}, " +
                $"but {package.Length} bytes with SHA-256 {package.Sha256} were uploaded");
        }

        copied[package.BlobId] = written.Sha256Hex;
        return written.Length;
    }

    /// <summary>Every uploaded object (objects only presigned have no bytes yet). Metadata only: a few hundred bytes each.</summary>
    private static List<Package> Packages(EmbeddedSource source)
    {
        using var command = source.Command("SELECT object_key, blob_id, length, md5, sha256 FROM objects WHERE blob_id IS NOT NULL ORDER BY object_key");
        using var reader = command.ExecuteReader();
        var packages = new List<Package>();
        while (reader.Read())
        {
            packages.Add(new Package(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return packages;
    }

    private static async Task<string> TargetSha256Async(NpgsqlConnection target, string blobId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT data FROM blob_chunks WHERE blob_id = @id ORDER BY chunk", target);
        command.Parameters.AddWithValue("id", blobId);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                await using var chunk = await reader.GetStreamAsync(0, cancellationToken);
                int read;
                while ((read = await chunk.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha256.AppendData(buffer, 0, read);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }

    /// <summary>A digest the upload did not record (none is, for an object stored before digests were) checks nothing.</summary>
    private static bool Same(string actual, string? recorded) => recorded is null || string.Equals(actual, recorded, StringComparison.OrdinalIgnoreCase);

    private static string BlobPath(string blobDir, string blobId) => Path.Combine(Path.GetFullPath(blobDir), blobId[..2], blobId);

    private static MigrationException Mismatch(Package package, string what) =>
        new(MigrationFailure.DigestMismatch, $"Object {package.ObjectKey} (blob {package.BlobId}): {what}. Nothing was migrated.");
}
