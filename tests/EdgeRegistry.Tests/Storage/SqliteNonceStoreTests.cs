using EdgeRegistry.Auth;
using EdgeRegistry.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRegistry.Tests.Storage;

/// <summary>The contract on a real database file, plus what only the file gives: nonces outlive the store.</summary>
public sealed class SqliteNonceStoreTests : Auth.NonceStoreContract
{
    private readonly TempDatabase _db = new();
    private SqliteNonceStore? _store;

    private DateTimeOffset Expiry => Time.GetUtcNow() + RequestAuthenticator.Window;

    protected override INonceStore CreateStore(TimeProvider time) => _store = NewStore(_db.Database);

    protected override async Task<int> CountHeldAsync()
    {
        await _store!.FlushAsync(default);
        return CountRows(_db.Database);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task Nonces_are_remembered_by_a_store_opened_later_on_the_same_file()
    {
        Assert.True(await Store.TryUseAsync("key", "n", Expiry, default));
        await _store!.DisposeAsync();

        using var reopened = SqliteDatabase.OpenFile(_db.FilePath);
        await using var later = NewStore(reopened);

        Assert.False(await later.TryUseAsync("key", "n", Expiry, default));
        Assert.True(await later.TryUseAsync("key", "m", Expiry, default));
    }

    [Fact]
    public async Task A_store_disposed_with_nonces_queued_writes_them_and_takes_no_more()
    {
        await using var store = NewStore(_db.Database, flushDelay: TimeSpan.FromHours(1));
        for (var i = 0; i < 100; i++)
        {
            Assert.True(await store.TryUseAsync("key", $"n{i}", Expiry, default));
        }

        Assert.Equal(0, CountRows(_db.Database));
        await store.DisposeAsync();

        Assert.Equal(100, CountRows(_db.Database));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.TryUseAsync("key", "late", Expiry, default).AsTask());
    }

    [Fact]
    public async Task A_nonce_commits_with_the_next_write_of_its_request_without_waiting_for_the_flush()
    {
        // No flush for an hour: only the write can have put the row there, and a crash after it would keep both.
        await using var store = NewStore(_db.Database, flushDelay: TimeSpan.FromHours(1));
        Assert.True(await store.TryUseAsync("key", "n", Expiry, default));

        using (var write = await _db.Database.BeginWriteAsync(default))
        {
            write.Transaction.Commit();
        }

        Assert.Equal(1, CountRows(_db.Database));
    }

    [Fact]
    public async Task Nonces_taken_by_a_write_that_rolls_back_go_to_the_next_one()
    {
        await using var store = NewStore(_db.Database, flushDelay: TimeSpan.FromHours(1));
        Assert.True(await store.TryUseAsync("key", "n", Expiry, default));

        using (await _db.Database.BeginWriteAsync(default))
        {
            // A business error: nothing committed.
        }

        Assert.Equal(0, CountRows(_db.Database));
        using (var write = await _db.Database.BeginWriteAsync(default))
        {
            write.Transaction.Commit();
        }

        Assert.Equal(1, CountRows(_db.Database));
    }

    [Fact]
    public async Task Accepted_nonces_are_written_within_moments_when_no_write_comes()
    {
        Assert.True(await Store.TryUseAsync("key", "n", Expiry, default));

        for (var i = 0; i < 100 && CountRows(_db.Database) == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, CountRows(_db.Database));
    }

    private SqliteNonceStore NewStore(SqliteDatabase database, TimeSpan? flushDelay = null) =>
        new(database, Time, NullLogger<SqliteNonceStore>.Instance, flushDelay ?? SqliteNonceStore.DefaultFlushDelay);

    private static int CountRows(SqliteDatabase database)
    {
        using var session = database.Lease();
        return (int)session.Long(null, "SELECT COUNT(*) FROM nonces")!.Value;
    }
}
