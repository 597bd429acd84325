using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>
/// One open connection and the statements prepared on it, leased by one caller at a time. Preparing SQL costs
/// more than running these small queries, and Microsoft.Data.Sqlite keeps no statement cache across commands, so
/// each session keeps its commands prepared (by SQL text) and only rebinds parameters.
/// </summary>
public sealed class SqliteSession : IDisposable
{
    private readonly SqlitePool _pool;
    private const int MaxCommands = 128;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    internal SqliteSession(SqlitePool pool, SqliteConnection connection)
    {
        _pool = pool;
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The transaction begun on this session and not yet finished, if any.</summary>
    public SqliteTransaction? Transaction => _transaction is { Connection: not null } open ? open : null;

    public SqliteTransaction BeginTransaction(bool deferred = false) => _transaction = Connection.BeginTransaction(deferred);

    /// <summary>
    /// The prepared command for <paramref name="sql"/> with these parameter values. It belongs to the session:
    /// callers dispose its readers, never the command.
    /// </summary>
    public SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxCommands)
            {
                // Only a caller building SQL from values could get here; keep the session's memory bounded anyway.
                DisposeCommands();
            }

            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            command.Transaction = transaction;
            command.Prepare();
            _commands[sql] = command;
            return command;
        }

        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>Returns the session to its pool.</summary>
    public void Dispose() => _pool.Return(this);

    internal void Close()
    {
        DisposeCommands();
        Connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}

/// <summary>Idle sessions, kept up to a bound so a burst of load does not leave a crowd of connections open.</summary>
internal sealed class SqlitePool(Func<SqliteConnection> open, int maxIdle)
{
    private readonly ConcurrentBag<SqliteSession> _idle = [];

    public SqliteSession Lease() => _idle.TryTake(out var session) ? session : new SqliteSession(this, open());

    public void Return(SqliteSession session)
    {
        if (session.Connection.State == System.Data.ConnectionState.Open && _idle.Count < maxIdle)
        {
            _idle.Add(session);
        }
        else
        {
            session.Close();
        }
    }

    public void Clear()
    {
        while (_idle.TryTake(out var session))
        {
            session.Close();
        }
    }
}
