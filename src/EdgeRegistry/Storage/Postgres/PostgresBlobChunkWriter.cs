using Npgsql;
using NpgsqlTypes;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// Gathers a blob copy's writes into full chunks of <see cref="PostgresBlobStore.ChunkSize"/> and sends each as one
/// COPY row, from one pooled buffer: an upload never holds more than a chunk, however large.
/// </summary>
internal sealed class PostgresBlobChunkWriter(NpgsqlBinaryImporter importer, string blobId) : Stream
{
    private readonly byte[] _buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(PostgresBlobStore.ChunkSize);
    private int _filled;
    private int _chunk;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        while (source.Length > 0)
        {
            var take = Math.Min(source.Length, PostgresBlobStore.ChunkSize - _filled);
            source[..take].CopyTo(_buffer.AsMemory(_filled));
            _filled += take;
            source = source[take..];
            if (_filled == PostgresBlobStore.ChunkSize)
            {
                await SendAsync(cancellationToken);
            }
        }
    }

    /// <summary>The partial last chunk, or an empty chunk 0 for an empty blob.</summary>
    public async Task FlushLastAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0 || _chunk == 0)
        {
            await SendAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Asynchronous writes only.");

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override ValueTask DisposeAsync()
    {
        System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
        return base.DisposeAsync();
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(blobId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(_chunk++, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(new ArraySegment<byte>(_buffer, 0, _filled), NpgsqlDbType.Bytea, cancellationToken);
        _filled = 0;
    }
}
