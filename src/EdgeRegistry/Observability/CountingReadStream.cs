namespace EdgeRegistry.Observability;

/// <summary>
/// Passes a download's stream through, counting the bytes read from it (what Kestrel sends, Range included), and
/// adds the total to the download counter once, when the response is done with it.
/// </summary>
internal sealed class CountingReadStream(Stream inner, RegistryMetrics metrics) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Counted(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Report();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        Report();
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private void Report()
    {
        if (Interlocked.Exchange(ref _read, 0) is > 0 and var total)
        {
            metrics.Downloaded(total);
        }
    }

    private int Counted(int read)
    {
        _read += read;
        return read;
    }
}
