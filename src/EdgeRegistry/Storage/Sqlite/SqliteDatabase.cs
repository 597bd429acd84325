using System.Reflection;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>
/// Opens connections to the embedded database: a file in WAL mode (readers never wait for the writer), or, for
/// <c>--in-memory</c>, a shared in-memory database kept alive by one connection held for the server's lifetime.
/// Connections are pooled here, as <see cref="SqliteSession"/>s that keep their prepared statements.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private const string MigrationsFolder = ".Storage.Sqlite.Migrations.";

    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive;
    private readonly SqlitePool _pool;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _synchronousPragma;

    private SqliteDatabase(string connectionString, bool inMemory, SqliteDurability durability)
    {
        _connectionString = connectionString;
        _synchronousPragma = $"PRAGMA synchronous={durability.Pragma()};";
        _pool = new SqlitePool(Open, maxIdle: 64);
        if (inMemory)
        {
            _keepAlive = new SqliteConnection(connectionString);
            _keepAlive.Open();
        }
    }

    public static SqliteDatabase OpenFile(string path, SqliteDurability durability = SqliteDurability.Full)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        var database = new SqliteDatabase(builder.ToString(), inMemory: false, durability);
        using var connection = database.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        return database;
    }

    public static SqliteDatabase OpenInMemory()
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = "edgereg-" + Guid.NewGuid().ToString("N"),
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        return new SqliteDatabase(builder.ToString(), inMemory: true, SqliteDurability.Normal);
    }

    /// <summary>Nonces accepted and not yet written; every write transaction takes them along.</summary>
    internal SqliteNonceJournal Nonces { get; } = new();

    /// <summary>A pooled connection with its prepared statements; dispose it to give it back.</summary>
    public SqliteSession Lease() => _pool.Lease();

    /// <summary>A pooled connection in a write transaction, once this process's earlier writers are done.</summary>
    public async ValueTask<SqliteWrite> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return new SqliteWrite(Lease(), _writeGate, Nonces);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // FULL (the default) fsyncs the WAL at every commit, so an acknowledged write survives a power loss; NORMAL
        // (chosen explicitly) fsyncs only at checkpoints: a process crash still loses nothing, a power loss may.
        Execute(connection, _synchronousPragma);
        return connection;
    }

    /// <summary>Applies the embedded scripts newer than the database's <c>user_version</c>, each in its own transaction.</summary>
    public int Migrate()
    {
        var scripts = Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.Contains(MigrationsFolder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        RequireContiguousNumbers(scripts);
        using var connection = Open();
        var applied = 0;
        for (var number = 1; number <= scripts.Length; number++)
        {
            using var transaction = connection.BeginTransaction();
            var current = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
            if (current >= number)
            {
                continue;
            }

            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(scripts[number - 1])!;
            using var reader = new StreamReader(stream);
            Execute(connection, transaction, reader.ReadToEnd());
            Execute(connection, transaction, $"PRAGMA user_version={number};");
            transaction.Commit();
            applied++;
        }

        return applied;
    }

    /// <summary>
    /// A script's place in the list is its <c>user_version</c>, so a missing number would give the next script the
    /// missing one's version, and the missing script, once added, would never run on that database.
    /// </summary>
    internal static void RequireContiguousNumbers(IReadOnlyList<string> scripts)
    {
        for (var i = 0; i < scripts.Count; i++)
        {
            var name = scripts[i][(scripts[i].IndexOf(MigrationsFolder, StringComparison.Ordinal) + MigrationsFolder.Length)..];
            var expected = (i + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            if (!name.StartsWith(expected + "_", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Schema migration {expected} is missing (the next script is {name}): migrations must be numbered 0001, 0002, … without a gap.");
            }
        }
    }

    /// <summary>The <c>synchronous</c> level connections run with (1 NORMAL, 2 FULL), as SQLite reports it.</summary>
    public long SynchronousLevel()
    {
        using var session = Lease();
        return session.Long(null, "PRAGMA synchronous;") ?? -1;
    }

    public bool IsReachable()
    {
        using var session = Lease();
        return session.Long(null, "PRAGMA user_version;") > 0;
    }

    public void Dispose()
    {
        _pool.Clear();
        _keepAlive?.Dispose();
        _writeGate.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql) => Execute(connection, null, sql);

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
