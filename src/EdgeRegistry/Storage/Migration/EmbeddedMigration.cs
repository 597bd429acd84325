using System.Diagnostics;
using EdgeRegistry.Accounts;
using EdgeRegistry.Storage.Postgres;
using Npgsql;

namespace EdgeRegistry.Storage.Migration;

/// <summary>What was copied: rows per table, package blobs and bytes, and how long it took.</summary>
public sealed record MigrationResult(IReadOnlyList<KeyValuePair<string, long>> Rows, long Blobs, long Bytes, TimeSpan Elapsed);

/// <summary>
/// <c>edgereg migrate</c>: copies an embedded installation (the SQLite file and the blob folder of a data dir) into an
/// empty scale-out database, in ONE PostgreSQL transaction: it commits only after every table's row count and every
/// package's SHA-256 were checked on the target, so a failure at any point leaves the target as empty as it was and
/// the migration can simply be run again. Secrets, the admin token's hash and the link key are copied sealed as they
/// are: replicas must run with the installation's master key (<c>EDGEREG_MASTER_KEY</c> = the data dir's master.key).
/// </summary>
public static class EmbeddedMigration
{
    /// <summary>Serialises two migrations into the same database (the second then finds it not empty).</summary>
    private const long MigrateLock = 0x65646765726568;

    private const string KeyCheckSetting = "master-key-check";

    public static async Task<MigrationResult> RunAsync(string dataDir, string postgres, byte[] masterKey, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var source = EmbeddedSource.Open(dataDir);
        CheckMasterKey(source, masterKey);

        await using var database = PostgresDatabase.Open(postgres);
        await database.MigrateAsync(cancellationToken);
        await using var target = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await target.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrateLock})", target))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await RequireEmptyAsync(target, cancellationToken);
        var rows = new List<KeyValuePair<string, long>>();
        foreach (var table in MigrationTables.All)
        {
            rows.Add(new(table.Name, await TableCopier.CopyAsync(source, target, table, cancellationToken)));
        }

        var (blobs, bytes) = await PackageCopier.CopyAsync(source, Path.Combine(dataDir, "blobs"), target, cancellationToken);
        foreach (var table in MigrationTables.All)
        {
            var (expected, actual) = (source.Count(table.Name), await CountAsync(target, table.Name, cancellationToken));
            if (expected != actual)
            {
                throw new MigrationException(MigrationFailure.CountMismatch, $"Table {table.Name}: {expected} rows in the embedded database, {actual} in PostgreSQL. Nothing was migrated.");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new MigrationResult(rows, blobs, bytes, clock.Elapsed);
    }

    /// <summary>Copying secrets that the replicas' master key cannot open would give an installation no key works on.</summary>
    private static void CheckMasterKey(EmbeddedSource source, byte[] masterKey)
    {
        if (source.Setting(KeyCheckSetting) is not { } check)
        {
            return;
        }

        try
        {
            new SecretProtector(masterKey).Decrypt(Convert.FromBase64String(check));
        }
        catch (System.Security.Cryptography.AuthenticationTagMismatchException)
        {
            throw new MigrationException(MigrationFailure.BadSource,
                "The master key (EDGEREG_MASTER_KEY, else the data dir's master.key) does not open this installation's secrets: use the one it was served with.");
        }
    }

    /// <summary>
    /// Any row in any table means an installation is there (a replica started on it creates the root account and
    /// settings): merging two would mix tenants' ids and keys, so only an empty database is accepted.
    /// </summary>
    private static async Task RequireEmptyAsync(NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var used = new List<string>();
        foreach (var table in MigrationTables.All.Select(t => t.Name).Append("blob_chunks"))
        {
            await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table})", target);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                used.Add(table);
            }
        }

        if (used.Count > 0)
        {
            throw new MigrationException(MigrationFailure.TargetNotEmpty,
                $"The target database is not empty (rows in {string.Join(", ", used)}): edgereg migrate copies only into a database no replica has been started on. Nothing was changed.");
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection target, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", target);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
