using System.Reflection;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// The scale-out database: a pooled <see cref="NpgsqlDataSource"/> shared by every store of the replica, and the
/// schema migrations, which replicas started together apply once (under an advisory lock).
/// </summary>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource, NpgsqlDataSource bulkDataSource, NpgsqlDataSource hotReadSource) : IAsyncDisposable
{
    /// <summary>Any fixed number: the advisory lock that serialises migrations across replicas.</summary>
    private const long MigrationLock = 0x65646765726567;   // "edgereg"

    private static readonly string[] Scripts = [.. Assembly.GetExecutingAssembly().GetManifestResourceNames()
        .Where(n => n.Contains(".Storage.Postgres.Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)];

    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>
    /// Connections for package bytes (<see cref="PostgresBlobStore"/>): a 1 GiB COPY or download may rightly wait
    /// longer than a statement's bound on a busy server (<see cref="PostgresFailures.ForBulkTransfers"/>).
    /// </summary>
    public NpgsqlDataSource BulkDataSource { get; } = bulkDataSource;

    /// <summary>
    /// Connections for the one statement every cached read makes (its revision check;
    /// <see cref="PostgresFailures.ForHotReads"/>): many requests' statements share a connection and a round trip.
    /// </summary>
    public NpgsqlDataSource HotReadSource { get; } = hotReadSource;

    /// <summary>The schema version this binary knows: the number of its migration scripts.</summary>
    public static int KnownVersion => Scripts.Length;

    public static PostgresDatabase Open(string connectionString) => new(
        NpgsqlDataSource.Create(PostgresFailures.WithBoundedWaits(connectionString)),
        NpgsqlDataSource.Create(PostgresFailures.ForBulkTransfers(connectionString)),
        NpgsqlDataSource.Create(PostgresFailures.ForHotReads(connectionString)));

    /// <summary>
    /// Applies the scripts the database lacks, each in its own transaction, while holding the migration lock.
    /// Refuses a database whose schema is newer than this binary: an old replica must not write to a new schema.
    /// </summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                cancellationToken);
            var current = await CurrentVersionAsync(connection, cancellationToken);
            if (current > KnownVersion)
            {
                throw new SchemaTooNewException(current, KnownVersion);
            }

            for (var version = current + 1; version <= KnownVersion; version++)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Scripts[version - 1])!;
                using var reader = new StreamReader(stream);
                await ExecuteAsync(connection, transaction, await reader.ReadToEndAsync(cancellationToken), cancellationToken);
                await ExecuteAsync(connection, transaction, $"INSERT INTO schema_migrations (version) VALUES ({version})", cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return KnownVersion - current;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }

    /// <summary>
    /// True when the database answers and its schema is the one this binary knows. When it does not answer, both
    /// pools are emptied: Npgsql does not test a pooled connection before handing it out, so each connection left
    /// from before a restart of the server would otherwise fail one request after it is back.
    /// </summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            return await CurrentVersionAsync(connection, cancellationToken) == KnownVersion;
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e))
        {
            DataSource.Clear();
            BulkDataSource.Clear();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await BulkDataSource.DisposeAsync();
        await HotReadSource.DisposeAsync();
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection);
        try
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        // No statement limit here: a migration on a large table, or the wait for another replica's migration to
        // finish, may rightly take longer than a request's bound (PostgresFailures.WithBoundedWaits).
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>The database was migrated by a newer edgereg than this one.</summary>
public sealed class SchemaTooNewException(int databaseVersion, int knownVersion)
    : Exception($"The database schema is at version {databaseVersion}, newer than this edgereg knows ({knownVersion}): upgrade edgereg before starting it on this database.")
{
    public int DatabaseVersion { get; } = databaseVersion;
}
