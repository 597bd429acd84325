using System.Security.Cryptography;
using EdgeRegistry.Packages;

namespace EdgeRegistry.Tests.Packages;

/// <summary>
/// What every <see cref="IBlobStore"/> must do, run once per implementation. Expected digests are computed here
/// with the one-shot hash APIs, independently of the store's incremental hashing.
/// </summary>
public abstract class BlobStoreContract : IDisposable
{
    protected const long Limit = 1024 * 1024;

    private IBlobStore? _store;

    protected IBlobStore Store => _store ??= CreateStore();

    protected abstract IBlobStore CreateStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Nothing of any write is visible; implementations add their own leftovers (files) to check.</summary>
    protected virtual async Task AssertNothingStoredAsync()
    {
        Assert.Empty(await ListAsync());
    }

    protected static string NewId() => Guid.NewGuid().ToString("N");

    protected async Task<List<string>> ListAsync()
    {
        var ids = new List<string>();
        await foreach (var id in Store.ListAsync(default))
        {
            ids.Add(id);
        }
        return ids;
    }

    protected async Task<byte[]?> ReadAllAsync(string blobId)
    {
        await using var stream = Store.OpenRead(blobId);
        if (stream is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1, false)]
    [InlineData(3 * 1024 * 1024 + 17, true)]
    [InlineData(3 * 1024 * 1024 + 17, false)]
    public async Task Bytes_come_back_as_written_with_their_length_and_digests(int size, bool declared)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        var id = NewId();

        // Small, uneven reads: the store must not assume a read fills its buffer.
        var written = await Store.WriteAsync(id, new TricklingStream(data), declared ? size : null, 8L * 1024 * 1024, null, default);

        Assert.Equal(size, written.Length);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), written.Md5Hex);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), written.Sha256Hex);
        Assert.Equal(data, await ReadAllAsync(id));
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        var error = await Assert.ThrowsAsync<BlobWriteException>(() =>
            Store.WriteAsync(NewId(), new UnreadableStream(), Limit + 1, Limit, null, default));

        Assert.Equal(BlobWriteError.TooLarge, error.Error);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_body_without_length_that_grows_past_the_limit_is_refused_and_nothing_kept()
    {
        var body = new GeneratedStream(10 * Limit);

        var error = await Assert.ThrowsAsync<BlobWriteException>(() => Store.WriteAsync(NewId(), body, null, Limit, null, default));

        Assert.Equal(BlobWriteError.TooLarge, error.Error);
        Assert.InRange(body.Position, Limit + 1, Limit + 128 * 1024); // stopped early, not at the end of the body
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_accepted()
    {
        var written = await Store.WriteAsync(NewId(), new GeneratedStream(Limit), null, Limit, null, default);

        Assert.Equal(Limit, written.Length);
    }

    [Fact]
    public async Task A_matching_Content_MD5_is_accepted()
    {
        var data = GeneratedStream.Bytes(200_000);
        var id = NewId();

        var written = await Store.WriteAsync(id, new MemoryStream(data), data.Length, Limit, MD5.HashData(data), default);

        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), written.Md5Hex);
        Assert.Equal(data, await ReadAllAsync(id));
    }

    [Fact]
    public async Task A_wrong_Content_MD5_is_refused_and_nothing_kept()
    {
        var data = GeneratedStream.Bytes(200_000);
        var wrong = MD5.HashData(data);
        wrong[0] ^= 1;
        var id = NewId();

        var error = await Assert.ThrowsAsync<BlobWriteException>(() => Store.WriteAsync(id, new MemoryStream(data), data.Length, Limit, wrong, default));

        Assert.Equal(BlobWriteError.BadDigest, error.Error);
        Assert.Null(Store.OpenRead(id));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_body_shorter_than_declared_is_incomplete_and_nothing_kept()
    {
        var id = NewId();

        var error = await Assert.ThrowsAsync<BlobWriteException>(() =>
            Store.WriteAsync(id, new MemoryStream(GeneratedStream.Bytes(1000)), 1001, Limit, null, default));

        Assert.Equal(BlobWriteError.Incomplete, error.Error);
        Assert.Null(Store.OpenRead(id));
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connection_dropped_mid_body_is_incomplete_and_nothing_kept(bool declared)
    {
        var id = NewId();
        var body = new GeneratedStream(500_000, failAfter: 300_000);

        var error = await Assert.ThrowsAsync<BlobWriteException>(() => Store.WriteAsync(id, body, declared ? 500_000 : null, Limit, null, default));

        Assert.Equal(BlobWriteError.Incomplete, error.Error);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Null(Store.OpenRead(id));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_cancelled_write_keeps_nothing()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Store.WriteAsync(NewId(), new GeneratedStream(500_000), null, Limit, null, cancel.Token));

        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Concurrent_writes_of_different_blobs_each_keep_their_bytes()
    {
        var blobs = Enumerable.Range(1, 12).Select(i => (Id: NewId(), Data: GeneratedStream.Bytes(50_000 * i, (ulong)i))).ToArray();

        var written = await Task.WhenAll(blobs.Select(b => Task.Run(() =>
            Store.WriteAsync(b.Id, new TricklingStream(b.Data), b.Data.Length, Limit, null, default))));

        for (var i = 0; i < blobs.Length; i++)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(blobs[i].Data)), written[i].Sha256Hex);
            Assert.Equal(blobs[i].Data, await ReadAllAsync(blobs[i].Id));
        }
        Assert.Equal(blobs.Select(b => b.Id).Order(), (await ListAsync()).Order());
    }

    [Fact]
    public async Task A_deleted_blob_is_gone_and_deleting_again_or_a_missing_one_is_fine()
    {
        var id = NewId();
        await Store.WriteAsync(id, new MemoryStream([1, 2, 3]), 3, Limit, null, default);

        await Store.DeleteAsync(id, default);
        Assert.Null(Store.OpenRead(id));
        await Store.DeleteAsync(id, default);
        await Store.DeleteAsync(NewId(), default);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_download_in_progress_survives_the_blob_being_deleted()
    {
        var id = NewId();
        var data = GeneratedStream.Bytes(300_000);
        await Store.WriteAsync(id, new MemoryStream(data), data.Length, Limit, null, default);
        await using var reader = Store.OpenRead(id)!;
        var first = new byte[1000];
        await reader.ReadExactlyAsync(first);

        await Store.DeleteAsync(id, default);

        using var rest = new MemoryStream();
        await reader.CopyToAsync(rest);
        Assert.Equal(data, first.Concat(rest.ToArray()));
        Assert.Null(Store.OpenRead(id));
    }

    [Fact]
    public async Task List_shows_the_written_blobs_only()
    {
        var kept = new[] { NewId(), NewId() };
        var deleted = NewId();
        foreach (var id in kept.Append(deleted))
        {
            await Store.WriteAsync(id, new MemoryStream([7]), 1, Limit, null, default);
        }
        await Store.DeleteAsync(deleted, default);
        await Assert.ThrowsAsync<BlobWriteException>(() => Store.WriteAsync(NewId(), new GeneratedStream(10, failAfter: 5), 10, Limit, null, default));

        Assert.Equal(kept.Order(), (await ListAsync()).Order());
    }

    [Fact]
    public async Task A_read_stream_is_seekable_and_reads_from_an_offset()
    {
        var id = NewId();
        var data = GeneratedStream.Bytes(400_000);
        await Store.WriteAsync(id, new MemoryStream(data), data.Length, Limit, null, default);

        await using var stream = Store.OpenRead(id)!;
        Assert.True(stream.CanSeek);
        Assert.Equal(data.Length, stream.Length);
        stream.Seek(123_457, SeekOrigin.Begin);
        var slice = new byte[10_000];
        await stream.ReadExactlyAsync(slice);
        Assert.Equal(data.AsSpan(123_457, 10_000).ToArray(), slice);
        stream.Position = data.Length - 3;
        Assert.Equal(data[^3], (byte)stream.ReadByte());
    }

    [Fact]
    public async Task An_existing_blob_id_is_not_overwritten()
    {
        var id = NewId();
        await Store.WriteAsync(id, new MemoryStream([1]), 1, Limit, null, default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync(id, new MemoryStream([2]), 1, Limit, null, default));

        Assert.Equal([1], await ReadAllAsync(id));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("../../../../../../../../etc/pass")]
    [InlineData("0123456789abcdef/123456789abcdef")]
    public async Task An_invalid_blob_id_is_an_argument_error_everywhere(string blobId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(blobId, new UnreadableStream(), null, Limit, null, default));
        Assert.Throws<ArgumentException>(() => Store.OpenRead(blobId));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(blobId, default));
        await AssertNothingStoredAsync();
    }
}
