using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>
/// A write transaction, taken after this process's other writers have finished. SQLite allows one writer at a
/// time; writers that collide inside SQLite are put to sleep by Microsoft.Data.Sqlite's busy handler (150 ms
/// steps), which gave writes a p99 of 150 ms under load. Queueing them here first costs nothing SQLite did not
/// already serialise.
/// </summary>
public sealed class SqliteWrite : IDisposable
{
    private readonly SemaphoreSlim _gate;

    internal SqliteWrite(SqliteSession session, SemaphoreSlim gate)
    {
        _gate = gate;
        Session = session;
        Transaction = session.BeginTransaction();
    }

    public SqliteSession Session { get; }

    public SqliteTransaction Transaction { get; }

    public void Dispose()
    {
        Transaction.Dispose();
        Session.Dispose();
        _gate.Release();
    }
}
