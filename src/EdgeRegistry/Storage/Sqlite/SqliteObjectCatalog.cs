using EdgeRegistry.Packages;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

public sealed class SqliteObjectCatalog(SqliteDatabase database) : IObjectCatalog
{
    private const string Columns =
        "object_key, account_id, instance_id, kind, driver_id, driver_version, edge_instance_id, file_name, presigned_ms, " +
        "blob_id, length, md5, sha256, content_type, uploaded_ms";

    public async Task<RegisterOutcome> RegisterAsync(StoredObject o, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        if (session.Long(transaction, "SELECT 1 FROM objects WHERE object_key = $key", ("$key", o.Key)) is not null)
        {
            return RegisterOutcome.KeyTaken;
        }

        var inserted = session.Run(transaction,
            "INSERT INTO objects (object_key, account_id, instance_id, kind, driver_id, driver_version, edge_instance_id, file_name, presigned_ms) " +
            "SELECT $key, $a, $i, $kind, $driver, $version, $edge, $file, $now FROM drivers d " +
            "WHERE d.driver_id = $driver AND d.account_id = $a AND d.instance_id = $i AND CASE WHEN $kind = $instanceConfig " +
            "THEN EXISTS (SELECT 1 FROM driver_versions v WHERE v.driver_pk = d.driver_pk AND v.version = $version) " +
            "ELSE NOT EXISTS (SELECT 1 FROM driver_versions v WHERE v.driver_pk = d.driver_pk AND v.version = $version AND v.published = 1) END",
            ("$key", o.Key), ("$a", o.AccountId), ("$i", o.InstanceId), ("$kind", o.Kind), ("$driver", o.DriverId),
            ("$version", o.DriverVersion), ("$edge", o.EdgeInstanceId), ("$file", o.FileName), ("$now", o.PresignedMs),
            ("$instanceConfig", ObjectKinds.InstanceConfig));
        if (inserted == 0)
        {
            return RegisterOutcome.Refused;
        }

        transaction.Commit();
        return RegisterOutcome.Registered;
    }

    public Task<StoredObject?> FindAsync(string key, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        return Task.FromResult(Find(session, null, key));
    }

    public async Task<(CommitOutcome Outcome, string? ReplacedBlobId)> CommitUploadAsync(string key, string blobId, BlobWritten written, string contentType, long nowMs, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        if (Find(session, transaction, key) is not { } stored)
        {
            return (CommitOutcome.NotFound, null);
        }

        var published = session.Long(transaction,
            "SELECT 1 FROM version_objects vo JOIN driver_versions v ON v.version_pk = vo.version_pk WHERE vo.object_key = $key AND v.published = 1 LIMIT 1",
            ("$key", key));
        if (published is not null)
        {
            return (CommitOutcome.Published, null);
        }

        // Inside the write transaction: no other upload commits between this sum and the update.
        if (session.Long(transaction, "SELECT 1 FROM storage_limits WHERE account_id = $a", ("$a", stored.AccountId)) is not null
            && !Usage(session, transaction, stored.AccountId).Allows(written.Length, stored.IsUploaded ? stored.Length : 0))
        {
            return (CommitOutcome.StorageLimitExceeded, null);
        }

        session.Run(transaction,
            "UPDATE objects SET blob_id = $blob, length = $length, md5 = $md5, sha256 = $sha, content_type = $type, uploaded_ms = $now WHERE object_key = $key",
            ("$blob", blobId), ("$length", written.Length), ("$md5", written.Md5Hex), ("$sha", written.Sha256Hex),
            ("$type", contentType), ("$now", nowMs), ("$key", key));
        transaction.Commit();
        return (CommitOutcome.Ok, stored.BlobId);
    }

    public Task<StorageUsage> StorageUsageAsync(string accountId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        return Task.FromResult(Usage(session, null, accountId));
    }

    private static StorageUsage Usage(SqliteSession session, SqliteTransaction? transaction, string accountId) => new(
        session.Long(transaction, "SELECT coalesce(sum(length), 0) FROM objects WHERE account_id = $a AND blob_id IS NOT NULL", ("$a", accountId)) ?? 0,
        session.Long(transaction, "SELECT limit_bytes FROM storage_limits WHERE account_id = $a", ("$a", accountId)));

    public async Task<IReadOnlyList<string>> RemoveOrphansAsync(long presignedBeforeMs, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        const string orphans = "FROM objects WHERE presigned_ms < $before AND object_key NOT IN (SELECT object_key FROM version_objects)";
        var blobs = new List<string>();
        var command = session.Command(transaction, "SELECT blob_id " + orphans + " AND blob_id IS NOT NULL", ("$before", presignedBeforeMs));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                blobs.Add(reader.GetString(0));
            }
        }

        session.Run(transaction, "DELETE " + orphans, ("$before", presignedBeforeMs));
        transaction.Commit();
        return blobs;
    }

    public Task<bool> IsBlobInUseAsync(string blobId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        return Task.FromResult(session.Long(null, "SELECT 1 FROM objects WHERE blob_id = $blob", ("$blob", blobId)) is not null);
    }

    internal static StoredObject? Find(SqliteSession session, SqliteTransaction? transaction, string key)
    {
        var command = session.Command(transaction, $"SELECT {Columns} FROM objects WHERE object_key = $key", ("$key", key));
        using var r = command.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }

        return new StoredObject(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            r.GetString(6), r.GetString(7), r.GetInt64(8),
            r.IsDBNull(9) ? null : r.GetString(9),
            r.IsDBNull(10) ? 0 : r.GetInt64(10),
            r.IsDBNull(11) ? "" : r.GetString(11),
            r.IsDBNull(12) ? "" : r.GetString(12),
            r.IsDBNull(13) ? "" : r.GetString(13),
            r.IsDBNull(14) ? 0 : r.GetInt64(14));
    }
}
