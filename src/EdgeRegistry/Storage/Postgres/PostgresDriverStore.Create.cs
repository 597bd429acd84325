using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// CreateEdgeDriverVersion in three round trips (two batches and the commit) instead of one per statement: the
/// checks, then the writes. The order of the locks is unchanged (the driver row, then the objects named), and every
/// statement still sees what committed before the locks ahead of it were granted.
/// </summary>
public sealed partial class PostgresDriverStore
{
    public async Task<StoreOutcome> CreateVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken)
    {
        var keys = objects.Keys.Distinct(StringComparer.Ordinal).ToArray();
        try
        {
            return await Data.InTransactionAsync(async (c, t) =>
            {
                var (driver, lockedObjects, versionExists) = await CheckCreateAsync(c, t, scope, driverId, version, keys, cancellationToken);
                if (driver is null)
                {
                    return StoreOutcome.DriverNotFound;
                }

                if (lockedObjects != keys.Length)
                {
                    return StoreOutcome.ObjectNotFound;
                }

                if (versionExists)
                {
                    return StoreOutcome.VersionExists;
                }

                // Creation times never go backwards within a driver (a clock step back, or a replica whose clock is
                // behind, would otherwise break "ord order = creation order"); versions created in the same
                // millisecond are then ordered by version, descending.
                var createdMs = Math.Max(nowMs, driver.LastVersionMs);
                var ord = driver.NextOrd;
                var tie = createdMs == driver.LastVersionMs;
                List<NpgsqlBatchCommand> writes =
                [
                    InsertVersion(driver.Pk, ord, version, createdMs, content, objects.SourceObjectKey, keys),
                    PostgresBatches.Statement(
                        "UPDATE drivers SET next_ord = @next, last_version_ms = @created, version_count = version_count + 1, revision = revision + 1 WHERE driver_pk = @pk",
                        ("next", ord + 1), ("created", createdMs), ("pk", driver.Pk)),
                    PostgresVersionBlocks.AddCreated(driver.Pk, ord),
                ];
                if (!tie)
                {
                    await c.RunBatchAsync(t, writes, cancellationToken);
                    return StoreOutcome.Ok;
                }

                // The newest versions come back from the same round trip, after the insert.
                writes.Add(PostgresVersionBlocks.Newest(driver.Pk, PostgresVersionBlocks.FirstTieRead));
                List<PostgresVersionBlocks.NewestVersion> newest;
                await using (var batch = c.Batch(t, writes))
                await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
                {
                    // Steps over the writes' empty results, whether or not the reader lists them.
                    while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
                    {
                    }

                    newest = await reader.TakeResultAsync(PostgresVersionBlocks.ReadNewest, cancellationToken);
                }

                await PostgresVersionBlocks.OrderTiesAsync(c, t, driver.Pk, createdMs, newest, cancellationToken);
                return StoreOutcome.Ok;
            }, cancellationToken);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            // The driver row lock serialises version writes, so only a version inserted outside it gets here.
            return StoreOutcome.VersionExists;
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return StoreOutcome.ObjectNotFound;
        }
    }

    /// <summary>
    /// One round trip: the driver row, locked FOR UPDATE (null if not in scope); how many of the objects named are
    /// uploaded, each locked FOR KEY SHARE (<see cref="LockUploadedAsync"/> says why); whether the version exists.
    /// Run in this order, the object and version statements start after the driver lock is granted, so they see
    /// every version write of the driver that committed before.
    /// </summary>
    private static async Task<(DriverRow? Driver, int LockedObjects, bool VersionExists)> CheckCreateAsync(
        NpgsqlConnection c, NpgsqlTransaction t, TenantScope scope, string driverId, string version, string[] keys, CancellationToken cancellationToken)
    {
        (string, object?)[] inScope = [("id", driverId), ("a", scope.AccountId), ("i", scope.InstanceId), ("v", version), ("keys", keys)];
        List<NpgsqlBatchCommand> checks =
        [
            PostgresBatches.Statement(
                "SELECT driver_pk, version_count, published_count, next_ord, last_version_ms FROM drivers " +
                "WHERE driver_id = @id AND account_id = @a AND instance_id = @i FOR UPDATE", inScope),
            PostgresBatches.Statement(
                "SELECT 1 FROM driver_versions v JOIN drivers d ON d.driver_pk = v.driver_pk " +
                "WHERE d.driver_id = @id AND d.account_id = @a AND d.instance_id = @i AND v.version = @v", inScope),
        ];
        if (keys.Length > 0)
        {
            checks.Insert(1, PostgresBatches.Statement(
                "SELECT object_key FROM objects WHERE object_key = ANY(@keys) AND blob_id IS NOT NULL ORDER BY object_key COLLATE \"C\" FOR KEY SHARE", inScope));
        }

        await using var batch = c.Batch(t, checks);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var driver = (await reader.TakeResultAsync(r => new DriverRow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), cancellationToken))
            .FirstOrDefault();
        var locked = keys.Length == 0 ? 0 : (await reader.TakeResultAsync(r => r.GetString(0), cancellationToken)).Count;
        var exists = (await reader.TakeResultAsync(_ => true, cancellationToken)).Count > 0;
        return (driver, locked, exists);
    }

    /// <summary>The version row and, in the same statement, the objects it names.</summary>
    private static NpgsqlBatchCommand InsertVersion(long driverPk, long ord, string version, long createdMs, DriverVersionContent content, string? sourceObjectKey, string[] keys)
    {
        var insert =
            $"INSERT INTO driver_versions (driver_pk, ord, {VersionColumns}) " +
            "VALUES (@pk, @ord, @version, FALSE, @edge, @description, @source, @driverConfig, @container, @rule, @argument, @created, @created, @sourceKey)";
        return keys.Length == 0
            ? PostgresBatches.Statement(insert,
                [("pk", driverPk), ("ord", ord), ("version", version), ("created", createdMs), ("sourceKey", sourceObjectKey), .. ContentParameters(content)])
            : PostgresBatches.Statement(
                $"WITH v AS ({insert} RETURNING version_pk) INSERT INTO version_objects (version_pk, object_key) SELECT v.version_pk, k FROM v, unnest(@keys) AS k",
                [("pk", driverPk), ("ord", ord), ("version", version), ("created", createdMs), ("sourceKey", sourceObjectKey), ("keys", keys), .. ContentParameters(content)]);
    }
}
