using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// A read-only, seekable view of one blob's chunks, fetched one at a time as reads reach them (a Range request
/// reads only the chunks it covers), all in the snapshot of the transaction it was opened with. Disposing it ends
/// the transaction and returns the connection to the pool.
/// </summary>
internal sealed class PostgresBlobReadStream(NpgsqlConnection connection, NpgsqlTransaction transaction, string blobId, long length) : Stream
{
    private byte[] _chunk = [];
    private long _chunkIndex = -1;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        var index = _position / PostgresBlobStore.ChunkSize;
        if (index != _chunkIndex)
        {
            await using var command = ChunkCommand(index);
            Keep(index, await command.ExecuteScalarAsync(cancellationToken));
        }

        return CopyFromChunk(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>The synchronous path (ReadByte, a synchronous CopyTo) uses Npgsql's synchronous calls, not sync-over-async.</summary>
    public override int Read(Span<byte> buffer)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        var index = _position / PostgresBlobStore.ChunkSize;
        if (index != _chunkIndex)
        {
            using var command = ChunkCommand(index);
            Keep(index, command.ExecuteScalar());
        }

        return CopyFromChunk(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            transaction.Dispose();
            connection.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private NpgsqlCommand ChunkCommand(long index) =>
        connection.Command(transaction, "SELECT data FROM blob_chunks WHERE blob_id = @id AND chunk = @n", ("id", blobId), ("n", (int)index));

    private void Keep(long index, object? data)
    {
        _chunk = data as byte[] ?? throw new IOException($"Chunk {index} of blob {blobId} is missing.");
        _chunkIndex = index;
    }

    private int CopyFromChunk(Span<byte> destination)
    {
        var within = (int)(_position - _chunkIndex * PostgresBlobStore.ChunkSize);
        var count = Math.Min(destination.Length, _chunk.Length - within);
        _chunk.AsSpan(within, count).CopyTo(destination);
        _position += count;
        return count;
    }
}
