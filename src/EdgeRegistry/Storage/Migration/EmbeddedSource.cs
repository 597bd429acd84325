using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Migration;

/// <summary>
/// The embedded database of a data dir, read inside one transaction that also holds SQLite's write lock: every
/// table is read from the same snapshot, and no server can commit (or replace a package) while the copy runs. A
/// server still writing to the file makes taking the lock fail within <see cref="LockWait"/>: stop it first.
/// </summary>
internal sealed class EmbeddedSource : IDisposable
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);

    private readonly SqliteConnection _connection;

    private EmbeddedSource(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        Transaction = transaction;
    }

    public SqliteTransaction Transaction { get; }

    public static EmbeddedSource Open(string dataDir)
    {
        var path = Path.Combine(dataDir, "edgereg.db");
        if (!File.Exists(path))
        {
            throw new MigrationException(MigrationFailure.BadSource, $"{Path.GetFullPath(path)} does not exist: --data-dir must name the data dir of an embedded installation.");
        }

        // ReadWrite, not ReadWriteCreate: never make an empty database where the user mistyped a path. The write
        // lock (BEGIN IMMEDIATE) is what keeps a server from changing the data under the copy; nothing is written.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)LockWait.TotalSeconds,
        }.ToString());
        try
        {
            connection.Open();
            var known = KnownSchemaVersion();
            var version = Convert.ToInt32(Scalar(connection, null, "PRAGMA user_version"), CultureInfo.InvariantCulture);
            if (version != known)
            {
                throw new MigrationException(MigrationFailure.BadSource, version < known
                    ? $"The embedded database is at schema version {version}, older than this edgereg's {known}: start `edgereg serve --data-dir {dataDir}` once (it upgrades the schema), stop it, then migrate."
                    : $"The embedded database is at schema version {version}, newer than this edgereg knows ({known}): migrate with the edgereg that last served it.");
            }

            SqliteTransaction transaction;
            try
            {
                transaction = connection.BeginTransaction(deferred: false);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
            {
                throw new MigrationException(MigrationFailure.SourceInUse,
                    $"The embedded database {Path.GetFullPath(path)} is being written by another process (a server still running on this data dir?): stop it, then migrate.", e);
            }

            return new EmbeddedSource(connection, transaction);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public long Count(string table) => Convert.ToInt64(Scalar(_connection, Transaction, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);

    /// <summary>The table's column names, in the table's order.</summary>
    public IReadOnlyList<string> Columns(string table)
    {
        using var command = Command($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid");
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>A setting of the embedded installation (the master key check), or null.</summary>
    public string? Setting(string name)
    {
        using var command = Command("SELECT value FROM server_settings WHERE name = $n");
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteScalar() as string;
    }

    public void Dispose()
    {
        // Read only: rolling back releases the lock and changes nothing.
        Transaction.Dispose();
        _connection.Dispose();
    }

    private static int KnownSchemaVersion() => Assembly.GetExecutingAssembly().GetManifestResourceNames()
        .Count(n => n.Contains(".Storage.Sqlite.Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal));

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
