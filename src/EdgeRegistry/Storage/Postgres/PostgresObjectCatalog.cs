using EdgeRegistry.Packages;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

public sealed class PostgresObjectCatalog(PostgresDatabase database) : IObjectCatalog
{
    private const string Columns =
        "object_key, account_id, instance_id, kind, driver_id, driver_version, edge_instance_id, file_name, presigned_ms, " +
        "blob_id, length, md5, sha256, content_type, uploaded_ms";

    private NpgsqlDataSource Data => database.DataSource;

    /// <summary>
    /// Registers the object only while its driver exists in the object's scope and its version still takes it. The
    /// driver row is read FOR SHARE, so a delete or a release of that driver on another replica (which lock the
    /// row FOR UPDATE) is ordered before or after this registration, never in the middle of it.
    /// </summary>
    public Task<RegisterOutcome> RegisterAsync(StoredObject o, CancellationToken cancellationToken) =>
        Data.InTransactionAsync(async (connection, transaction) =>
        {
            var takes = await connection.LongAsync(transaction,
                "SELECT 1 FROM (SELECT driver_pk FROM drivers WHERE driver_id = @driver AND account_id = @a AND instance_id = @i FOR SHARE) d " +
                "WHERE CASE WHEN @kind = @instanceConfig " +
                "THEN EXISTS (SELECT 1 FROM driver_versions v WHERE v.driver_pk = d.driver_pk AND v.version = @version) " +
                "ELSE NOT EXISTS (SELECT 1 FROM driver_versions v WHERE v.driver_pk = d.driver_pk AND v.version = @version AND v.published) END",
                cancellationToken,
                ("driver", o.DriverId), ("a", o.AccountId), ("i", o.InstanceId), ("kind", o.Kind), ("version", o.DriverVersion),
                ("instanceConfig", ObjectKinds.InstanceConfig));
            if (takes is null)
            {
                return RegisterOutcome.Refused;
            }

            var inserted = await connection.RunAsync(transaction,
                "INSERT INTO objects (object_key, account_id, instance_id, kind, driver_id, driver_version, edge_instance_id, file_name, presigned_ms) " +
                "VALUES (@key, @a, @i, @kind, @driver, @version, @edge, @file, @now) ON CONFLICT (object_key) DO NOTHING",
                cancellationToken,
                ("key", o.Key), ("a", o.AccountId), ("i", o.InstanceId), ("kind", o.Kind), ("driver", o.DriverId),
                ("version", o.DriverVersion), ("edge", o.EdgeInstanceId), ("file", o.FileName), ("now", o.PresignedMs));
            return inserted == 1 ? RegisterOutcome.Registered : RegisterOutcome.KeyTaken;
        }, cancellationToken);

    public async Task<StoredObject?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, key, "", cancellationToken);
    }

    /// <summary>
    /// The driver row is read FOR SHARE before the published check: a release (which locks it FOR UPDATE) on another
    /// replica then either committed before — and the check sees it — or waits until these bytes are committed.
    /// </summary>
    public Task<(CommitOutcome Outcome, string? ReplacedBlobId)> CommitUploadAsync(string key, string blobId, BlobWritten written, string contentType, long nowMs, CancellationToken cancellationToken) =>
        Data.InTransactionAsync<(CommitOutcome, string?)>(async (c, t) =>
        {
            if (await FindAsync(c, t, key, "", cancellationToken) is not { } stored)
            {
                return (CommitOutcome.NotFound, null);
            }

            await c.RunAsync(t, "SELECT 1 FROM drivers WHERE driver_id = @d AND account_id = @a AND instance_id = @i FOR SHARE", cancellationToken,
                ("d", stored.DriverId), ("a", stored.AccountId), ("i", stored.InstanceId));
            if (await FindAsync(c, t, key, "FOR NO KEY UPDATE", cancellationToken) is not { } current)
            {
                return (CommitOutcome.NotFound, null);
            }

            var published = await c.LongAsync(t,
                "SELECT 1 FROM version_objects vo JOIN driver_versions v ON v.version_pk = vo.version_pk WHERE vo.object_key = @key AND v.published LIMIT 1",
                cancellationToken, ("key", key));
            if (published is not null)
            {
                return (CommitOutcome.Published, null);
            }

            // The limit row locked: another upload of the account (on any replica) commits before this sum or after this update.
            var limit = await c.LongAsync(t, "SELECT limit_bytes FROM storage_limits WHERE account_id = @a FOR UPDATE", cancellationToken, ("a", current.AccountId));
            if (limit is not null
                && !new StorageUsage(await StoredBytesAsync(c, t, current.AccountId, cancellationToken), limit).Allows(written.Length, current.IsUploaded ? current.Length : 0))
            {
                return (CommitOutcome.StorageLimitExceeded, null);
            }

            await c.RunAsync(t,
                "UPDATE objects SET blob_id = @blob, length = @length, md5 = @md5, sha256 = @sha, content_type = @type, uploaded_ms = @now WHERE object_key = @key",
                cancellationToken, ("blob", blobId), ("length", written.Length), ("md5", written.Md5Hex), ("sha", written.Sha256Hex),
                ("type", contentType), ("now", nowMs), ("key", key));
            return (CommitOutcome.Ok, current.BlobId);
        }, cancellationToken);

    public Task<StorageUsage> StorageUsageAsync(string accountId, CancellationToken cancellationToken) =>
        Data.InTransactionAsync(async (c, t) => new StorageUsage(
            await StoredBytesAsync(c, t, accountId, cancellationToken),
            await c.LongAsync(t, "SELECT limit_bytes FROM storage_limits WHERE account_id = @a", cancellationToken, ("a", accountId))), cancellationToken);

    private static async Task<long> StoredBytesAsync(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction t, string accountId, CancellationToken cancellationToken) =>
        await c.LongAsync(t, "SELECT coalesce(sum(length), 0)::bigint FROM objects WHERE account_id = @a AND blob_id IS NOT NULL", cancellationToken, ("a", accountId)) ?? 0;

    /// <summary>
    /// The orphans are listed, then removed one statement each. A version created on another replica may name one
    /// between the NOT EXISTS and its delete: the foreign key then refuses that delete alone (the object is named, so
    /// not an orphan any more) and the others still go. One DELETE of them all failed whole instead, and under steady
    /// creates naming fresh uploads it failed on every retry, so the sweep threw and removed nothing.
    /// </summary>
    public async Task<IReadOnlyList<string>> RemoveOrphansAsync(long presignedBeforeMs, CancellationToken cancellationToken)
    {
        const string Orphan = "presigned_ms < @before AND NOT EXISTS (SELECT 1 FROM version_objects vo WHERE vo.object_key = o.object_key)";
        List<string> candidates;
        await using (var connection = await Data.OpenConnectionAsync(cancellationToken))
        {
            candidates = await connection.ListAsync(null, $"SELECT object_key FROM objects o WHERE {Orphan}", r => r.GetString(0),
                cancellationToken, ("before", presignedBeforeMs));
        }

        var blobs = new List<string>();
        foreach (var key in candidates)
        {
            try
            {
                var removed = await Data.InTransactionAsync(async (c, t) => await c.ListAsync(t,
                    $"DELETE FROM objects o WHERE object_key = @key AND {Orphan} RETURNING blob_id",
                    r => r.IsDBNull(0) ? null : r.GetString(0), cancellationToken, ("key", key), ("before", presignedBeforeMs)), cancellationToken);
                blobs.AddRange(removed.OfType<string>());
            }
            catch (PostgresException e) when (e.IsForeignKeyViolation())
            {
                // Named by a version created meanwhile: kept.
            }
        }

        return blobs;
    }

    public async Task<bool> IsBlobInUseAsync(string blobId, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await connection.LongAsync(null, "SELECT 1 FROM objects WHERE blob_id = @blob LIMIT 1", cancellationToken, ("blob", blobId)) is not null;
    }

    internal static async Task<StoredObject?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, string lockClause, CancellationToken cancellationToken)
    {
        var found = await connection.ListAsync(transaction, $"SELECT {Columns} FROM objects WHERE object_key = @key {lockClause}", r =>
            new StoredObject(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.GetString(6), r.GetString(7), r.GetInt64(8),
                r.IsDBNull(9) ? null : r.GetString(9),
                r.IsDBNull(10) ? 0 : r.GetInt64(10),
                r.IsDBNull(11) ? "" : r.GetString(11),
                r.IsDBNull(12) ? "" : r.GetString(12),
                r.IsDBNull(13) ? "" : r.GetString(13),
                r.IsDBNull(14) ? 0 : r.GetInt64(14)),
            cancellationToken, ("key", key));
        return found.FirstOrDefault();
    }
}
