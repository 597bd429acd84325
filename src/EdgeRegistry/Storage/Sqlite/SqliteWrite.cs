using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>
/// A write transaction, taken after this process's other writers have finished. SQLite allows one writer at a
/// time; writers that collide inside SQLite are put to sleep by Microsoft.Data.Sqlite's busy handler (150 ms
/// steps), which gave writes a p99 of 150 ms under load. Queueing them here first costs nothing SQLite did not
/// already serialise. Each one begins by writing the nonces accepted since the last (<see cref="SqliteNonceJournal"/>).
/// </summary>
public sealed class SqliteWrite : IDisposable
{
    private readonly SemaphoreSlim _gate;
    private readonly SqliteNonceJournal _nonces;
    private readonly List<(long ExpiresMs, long Fingerprint)>? _noncesWritten;

    internal SqliteWrite(SqliteSession session, SemaphoreSlim gate, SqliteNonceJournal nonces)
    {
        _gate = gate;
        _nonces = nonces;
        Session = session;
        Transaction = session.BeginTransaction();
        try
        {
            _noncesWritten = nonces.WriteQueued(session, Transaction);
        }
        catch
        {
            Transaction.Dispose();
            Session.Dispose();
            throw;
        }
    }

    public SqliteSession Session { get; }

    public SqliteTransaction Transaction { get; }

    public void Dispose()
    {
        // A committed transaction has let go of its connection.
        var committed = Transaction.Connection is null;
        Transaction.Dispose();
        if (!committed && _noncesWritten is not null)
        {
            _nonces.GiveBack(_noncesWritten);
        }

        Session.Dispose();
        _gate.Release();
    }
}
