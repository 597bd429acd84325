using System.Threading.Channels;
using EdgeRegistry.Auth;
using EdgeRegistry.Observability;
using EdgeRegistry.Storage.Timing;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>
/// Nonces that outlive a restart, for the embedded mode (one server process per data dir). The check is made in
/// memory, as <see cref="InMemoryNonceStore"/> makes it, and the table is the record read back at start-up. A
/// commit per request, even grouped, cost a read more CPU than the read itself (s4-get-version fell to about 40 %
/// of its rate), so accepted nonces are queued instead: a request that writes in a transaction commits its nonce
/// with it (<see cref="SqliteNonceJournal"/>), the rest are written together within a quarter of a second, and all
/// at shutdown. A crash may therefore forget the nonces of that last quarter second's requests that wrote nothing.
/// </summary>
public sealed class SqliteNonceStore : INonceStore, IAsyncDisposable
{
    /// <summary>
    /// How long accepted nonces wait to be written together when no write request takes them first. Any commit makes
    /// every pooled connection drop its page cache and read its pages again: at 10 ms, reads cost about 10 µs more.
    /// </summary>
    internal static readonly TimeSpan DefaultFlushDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Expired rows deleted per flush, about 65,000 a second under load: beyond this server's fastest read (about
    /// 25,000 a second), so the table keeps up; few enough to keep the gate short when a burst expires at once.
    /// </summary>
    private const int MaxPurge = 16_384;

    private const string Purge =
        "DELETE FROM nonces WHERE rowid IN (SELECT rowid FROM nonces WHERE expires_ms < $now ORDER BY expires_ms LIMIT $limit)";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly TimeSpan _flushDelay;
    private readonly NonceSet _nonces = new();
    private readonly Lazy<Task> _loaded;
    private readonly Channel<byte> _flushWanted = Channel.CreateBounded<byte>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly StoreOperation? _flushTiming;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flusher;
    private volatile bool _disposed;

    public SqliteNonceStore(SqliteDatabase database, TimeProvider time, ILogger<SqliteNonceStore> log, RegistryMetrics? metrics = null)
        : this(database, time, log, DefaultFlushDelay, metrics)
    {
    }

    internal SqliteNonceStore(SqliteDatabase database, TimeProvider time, ILogger<SqliteNonceStore> log, TimeSpan flushDelay, RegistryMetrics? metrics = null)
    {
        _flushTiming = metrics?.StoreTimers(StoreTimingRegistration.Sqlite).For("NonceStore.Flush");
        _database = database;
        _time = time;
        _log = log;
        _flushDelay = flushDelay;
        // Not read here: the store may be built before the schema is migrated.
        _loaded = new Lazy<Task>(() => Task.Run(Load));
        _flusher = Task.Run(FlushQueuedAsync);
    }

    public ValueTask<bool> TryUseAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var loaded = _loaded.Value;
        return loaded.IsCompletedSuccessfully
            ? ValueTask.FromResult(TryUse(accessKeyId, nonce, expiresAt))
            : TryUseOnceLoadedAsync(loaded, accessKeyId, nonce, expiresAt, cancellationToken);
    }

    /// <summary>Starts reading the nonces back now, to overlap the rest of start-up; the first use waits for them either way.</summary>
    public void BeginLoading() => _ = _loaded.Value;

    /// <summary>Writes the queued nonces and deletes a slice of expired rows now, rather than after the flush delay.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        _flushTiming is { } timing ? timing.Time((this, cancellationToken), static s => s.Item1.WriteQueuedAsync(s.cancellationToken)) : WriteQueuedAsync(cancellationToken);

    private async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        // Beginning a write is what takes the queued nonces along.
        using var write = await _database.BeginWriteAsync(cancellationToken);
        write.Session.Run(write.Transaction, Purge, ("$now", _time.GetUtcNow().ToUnixTimeMilliseconds()), ("$limit", MaxPurge));
        write.Transaction.Commit();
    }

    /// <summary>Stops the flush loop, then writes whatever is still queued.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _flushWanted.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _flusher;
        _stopping.Dispose();
        if (!_database.Nonces.IsEmpty)
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    private async ValueTask<bool> TryUseOnceLoadedAsync(Task loaded, string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await loaded.WaitAsync(cancellationToken);
        return TryUse(accessKeyId, nonce, expiresAt);
    }

    private bool TryUse(string accessKeyId, string nonce, DateTimeOffset expiresAt)
    {
        var fingerprint = NonceFingerprint.Of(accessKeyId, nonce);
        if (!_nonces.TryAdd(fingerprint, expiresAt, _time.GetUtcNow()))
        {
            return false;
        }

        _database.Nonces.Add(expiresAt.ToUnixTimeMilliseconds(), unchecked((long)fingerprint));
        _flushWanted.Writer.TryWrite(0);
        return true;
    }

    private async Task FlushQueuedAsync()
    {
        // Woken by the first nonce queued after a flush; the delay lets one transaction take all that follow.
        while (await _flushWanted.Reader.WaitToReadAsync())
        {
            // At shutdown the wait ends early and the flush runs at once.
            await Task.Delay(_flushDelay, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _flushWanted.Reader.TryRead(out _);
            try
            {
                await FlushAsync(CancellationToken.None);
            }
            catch (Exception error)
            {
                // The nonces stay queued (the transaction gave them back); the next write or flush tries again.
                _log.LogError(error, "Could not write accepted nonces to the database");
            }
        }
    }

    private void Load()
    {
        // The first request after a restart waits for this, and at full load the table holds millions of rows:
        // a table scan through SQLite's own API reads a row in 0.15 µs, a data reader over the index in 0.5.
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using var session = _database.Lease();
        var db = session.Connection.Handle;
        var rc = raw.sqlite3_prepare_v2(db, "SELECT expires_ms, fingerprint FROM nonces NOT INDEXED WHERE expires_ms >= ?1", out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        using (statement)
        {
            raw.sqlite3_bind_int64(statement, 1, now);
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                _nonces.Add(unchecked((ulong)raw.sqlite3_column_int64(statement, 1)), DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(statement, 0)));
            }
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
