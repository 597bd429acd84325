using EdgeRegistry.Packages;

namespace EdgeRegistry.Tests.Packages;

/// <summary>An IOException is the client's fault only when it comes from the body; a failing disk is the server's.</summary>
public sealed class BlobCopyTests
{
    [Fact]
    public async Task An_IOException_writing_the_destination_propagates_as_it_is()
    {
        var error = await Assert.ThrowsAsync<IOException>(() =>
            BlobCopy.CopyAsync(new GeneratedStream(1000), new FullDiskStream(), 1000, 10_000, null, default));

        Assert.Equal("No space left on device (simulated).", error.Message);
    }

    [Fact]
    public async Task A_declared_length_frames_the_body_and_nothing_past_it_is_read()
    {
        var body = new GeneratedStream(5000);
        using var destination = new MemoryStream();

        var written = await BlobCopy.CopyAsync(body, destination, 3000, 10_000, null, default);

        Assert.Equal(3000, written.Length);
        Assert.Equal(3000, body.Position);
    }

    private sealed class FullDiskStream : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("No space left on device (simulated).");
    }
}
