using System.Runtime.CompilerServices;
using EdgeRegistry.Packages;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// Package bytes in <c>blob_chunks</c>, for replicas that share no disk: rows of <see cref="ChunkSize"/> bytes
/// (the last one shorter), written by one binary COPY inside one transaction, so a blob is visible whole once
/// committed or not at all. Memory stays at one chunk per upload and one per download, whatever the blob's size.
/// </summary>
public sealed class PostgresBlobStore(PostgresDatabase database) : IBlobStore
{
    public const int ChunkSize = 1024 * 1024;

    private NpgsqlDataSource Data => database.BulkDataSource;

    public async Task<BlobWritten> WriteAsync(string blobId, Stream content, long? declaredLength, long maxBytes, byte[]? expectedMd5, CancellationToken cancellationToken)
    {
        BlobId.Validate(blobId);
        ArgumentNullException.ThrowIfNull(content);
        BlobCopy.CheckArguments(declaredLength, maxBytes, expectedMd5);
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        if (await connection.LongAsync(null, "SELECT 1 FROM blob_chunks WHERE blob_id = @id LIMIT 1", cancellationToken, ("id", blobId)) is not null)
        {
            throw AlreadyExists(blobId);
        }

        // Leaving without Complete cancels the COPY and disposing the transaction rolls it back: nothing is kept.
        // (A writer racing with the same id, which ids chosen at random never do, meets the primary key.)
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            BlobWritten written;
            await using (var importer = await connection.BeginBinaryImportAsync("COPY blob_chunks (blob_id, chunk, data) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                await using var chunks = new PostgresBlobChunkWriter(importer, blobId);
                written = await BlobCopy.CopyAsync(content, chunks, declaredLength, maxBytes, expectedMd5, cancellationToken);
                await chunks.FlushLastAsync(cancellationToken);
                await importer.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return written;
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            throw AlreadyExists(blobId);
        }
    }

    /// <summary>
    /// A seekable stream over the blob, reading in one REPEATABLE READ snapshot: a download in progress keeps the
    /// bytes it started with even if the blob is deleted meanwhile, as an open file does. It holds a pooled
    /// connection until disposed. Synchronous because the interface is: one short query.
    /// </summary>
    public Stream? OpenRead(string blobId)
    {
        BlobId.Validate(blobId);
        var connection = Data.OpenConnection();
        try
        {
            var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
            using var command = connection.Command(transaction,
                "SELECT chunk, octet_length(data) FROM blob_chunks WHERE blob_id = @id ORDER BY chunk DESC LIMIT 1", ("id", blobId));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                connection.Dispose();
                return null;
            }

            var length = (long)reader.GetInt32(0) * ChunkSize + reader.GetInt32(1);
            return new PostgresBlobReadStream(connection, transaction, blobId, length);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task DeleteAsync(string blobId, CancellationToken cancellationToken)
    {
        BlobId.Validate(blobId);
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        await connection.RunAsync(null, "DELETE FROM blob_chunks WHERE blob_id = @id", cancellationToken, ("id", blobId));
    }

    /// <summary>Every blob has a chunk 0 (an empty blob is one empty chunk).</summary>
    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT blob_id FROM blob_chunks WHERE chunk = 0");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetString(0);
        }
    }

    private static InvalidOperationException AlreadyExists(string blobId) => new($"Blob {blobId} already exists; blob ids are never reused.");
}
