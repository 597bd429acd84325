using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

public sealed partial class SqliteDriverStore
{
    private const string VersionColumns =
        "version, published, edge_version, description, source_config, driver_config, container_config, config_check_rule, argument, created_ms, modified_ms, source_object_key";

    /// <summary>The same columns for a query that joins drivers, which has created_ms and modified_ms too.</summary>
    private static readonly string JoinedVersionColumns = string.Join(", ", VersionColumns.Split(", ").Select(c => "v." + c));

    public async Task<StoreOutcome> CreateVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        if (FindDriver(session, transaction, scope, driverId) is not { } driver)
        {
            return StoreOutcome.DriverNotFound;
        }

        if (!AreUploaded(session, transaction, objects))
        {
            return StoreOutcome.ObjectNotFound;
        }

        if (FindVersion(session, transaction, driver.Pk, version) is not null)
        {
            return StoreOutcome.VersionExists;
        }

        // Creation times never go backwards within a driver (a clock step back would otherwise break "ord order =
        // creation order"); versions created in the same millisecond are then ordered by version, descending.
        var createdMs = Math.Max(nowMs, driver.LastVersionMs);
        var ord = driver.NextOrd;
        var versionPk = session.Long(transaction,
            $"INSERT INTO driver_versions (driver_pk, ord, {VersionColumns}) " +
            "VALUES ($pk, $ord, $version, 0, $edge, $description, $source, $driverConfig, $container, $rule, $argument, $created, $created, $sourceKey) " +
            "RETURNING version_pk",
            [("$pk", driver.Pk), ("$ord", ord), ("$version", version), ("$created", createdMs), ("$sourceKey", objects.SourceObjectKey), .. ContentParameters(content)])!.Value;
        LinkObjects(session, transaction, versionPk, objects);
        session.Run(transaction,
            "UPDATE drivers SET next_ord = $next, last_version_ms = $created, version_count = version_count + 1, revision = revision + 1 WHERE driver_pk = $pk",
            ("$next", ord + 1), ("$created", createdMs), ("$pk", driver.Pk));
        VersionBlocks.Add(session, transaction, driver.Pk, VersionBlocks.Unpublished, ord, +1);
        VersionBlocks.Add(session, transaction, driver.Pk, VersionBlocks.All, ord, +1);
        if (createdMs == driver.LastVersionMs)
        {
            VersionBlocks.OrderTies(session, transaction, driver.Pk, createdMs);
        }

        transaction.Commit();
        return StoreOutcome.Ok;
    }

    public async Task<StoreOutcome> ReplaceVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        var (outcome, row) = FindUnpublished(session, transaction, scope, driverId, version);
        if (outcome != StoreOutcome.Ok)
        {
            return outcome;
        }

        if (!AreUploaded(session, transaction, objects))
        {
            return StoreOutcome.ObjectNotFound;
        }

        session.Run(transaction,
            "UPDATE driver_versions SET edge_version = $edge, description = $description, source_config = $source, driver_config = $driverConfig, " +
            "container_config = $container, config_check_rule = $rule, argument = $argument, modified_ms = $now, source_object_key = $sourceKey WHERE version_pk = $vpk",
            [("$vpk", row!.Pk), ("$now", nowMs), ("$sourceKey", objects.SourceObjectKey), .. ContentParameters(content)]);
        session.Run(transaction, "DELETE FROM version_objects WHERE version_pk = $vpk", ("$vpk", row.Pk));
        LinkObjects(session, transaction, row.Pk, objects);
        session.Run(transaction, "UPDATE drivers SET revision = revision + 1 WHERE driver_pk = $pk", ("$pk", row.DriverPk));
        transaction.Commit();
        return StoreOutcome.Ok;
    }

    public Task<StoreResult<DriverVersion>> GetVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var command = session.Command(null,
            $"SELECT d.driver_pk, {JoinedVersionColumns} FROM drivers d LEFT JOIN driver_versions v ON v.driver_pk = d.driver_pk AND v.version = $v " +
            "WHERE d.driver_id = $id AND d.account_id = $a AND d.instance_id = $i",
            ("$v", version), ("$id", driverId), ("$a", scope.AccountId), ("$i", scope.InstanceId));
        using var reader = command.ExecuteReader();
        var result = !reader.Read() ? StoreResult<DriverVersion>.Failed(StoreOutcome.DriverNotFound)
            : reader.IsDBNull(1) ? StoreResult<DriverVersion>.Failed(StoreOutcome.VersionNotFound)
            : new StoreResult<DriverVersion>(StoreOutcome.Ok, ReadVersion(reader, driverId, first: 1));
        return Task.FromResult(result);
    }

    public async Task<StoreResult<IReadOnlyList<string>>> DeleteVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        var (outcome, row) = FindUnpublished(session, transaction, scope, driverId, version);
        if (outcome != StoreOutcome.Ok)
        {
            return StoreResult<IReadOnlyList<string>>.Failed(outcome);
        }

        // The objects presigned for this version, and those it named, go with it unless another version names them.
        session.Run(transaction, "CREATE TEMP TABLE IF NOT EXISTS named_by_deleted (object_key TEXT PRIMARY KEY)");
        session.Run(transaction, "DELETE FROM named_by_deleted");
        session.Run(transaction, "INSERT INTO named_by_deleted SELECT object_key FROM version_objects WHERE version_pk = $vpk", ("$vpk", row!.Pk));
        session.Run(transaction, "DELETE FROM driver_versions WHERE version_pk = $vpk", ("$vpk", row.Pk));
        var blobs = DeleteObjects(session, transaction,
            "account_id = $a AND instance_id = $i AND (object_key IN (SELECT object_key FROM named_by_deleted) OR (driver_id = $d AND driver_version = $v)) " +
            "AND object_key NOT IN (SELECT object_key FROM version_objects)",
            ("$d", driverId), ("$v", version), ("$a", scope.AccountId), ("$i", scope.InstanceId));
        session.Run(transaction, "UPDATE drivers SET version_count = version_count - 1, revision = revision + 1 WHERE driver_pk = $pk", ("$pk", row.DriverPk));
        VersionBlocks.Add(session, transaction, row.DriverPk, VersionBlocks.Unpublished, row.Ord, -1);
        VersionBlocks.Add(session, transaction, row.DriverPk, VersionBlocks.All, row.Ord, -1);
        transaction.Commit();
        return new StoreResult<IReadOnlyList<string>>(StoreOutcome.Ok, blobs);
    }

    public async Task<StoreOutcome> ReleaseVersionAsync(TenantScope scope, string driverId, string version, long nowMs, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        var (outcome, row) = FindUnpublished(session, transaction, scope, driverId, version);
        if (outcome == StoreOutcome.VersionPublished)
        {
            return StoreOutcome.Ok;
        }

        if (outcome != StoreOutcome.Ok)
        {
            return outcome;
        }

        session.Run(transaction, "UPDATE driver_versions SET published = 1, modified_ms = $now WHERE version_pk = $vpk", ("$now", nowMs), ("$vpk", row!.Pk));
        session.Run(transaction, "UPDATE drivers SET published_count = published_count + 1, revision = revision + 1 WHERE driver_pk = $pk", ("$pk", row.DriverPk));
        VersionBlocks.Add(session, transaction, row.DriverPk, VersionBlocks.Unpublished, row.Ord, -1);
        VersionBlocks.Add(session, transaction, row.DriverPk, VersionBlocks.Published, row.Ord, +1);
        transaction.Commit();
        return StoreOutcome.Ok;
    }

    private sealed record VersionRow(long Pk, long DriverPk, long Ord, bool Published);

    private static VersionRow? FindVersion(SqliteSession session, SqliteTransaction transaction, long driverPk, string version)
    {
        var command = session.Command(transaction,
            "SELECT version_pk, ord, published FROM driver_versions WHERE driver_pk = $pk AND version = $v", ("$pk", driverPk), ("$v", version));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new VersionRow(reader.GetInt64(0), driverPk, reader.GetInt64(1), reader.GetInt64(2) != 0) : null;
    }

    /// <summary>The version, if the driver is in scope, the version exists and it is still unpublished.</summary>
    private static (StoreOutcome, VersionRow?) FindUnpublished(SqliteSession session, SqliteTransaction transaction, TenantScope scope, string driverId, string version)
    {
        if (FindDriver(session, transaction, scope, driverId) is not { } driver)
        {
            return (StoreOutcome.DriverNotFound, null);
        }

        return FindVersion(session, transaction, driver.Pk, version) switch
        {
            null => (StoreOutcome.VersionNotFound, null),
            { Published: true } row => (StoreOutcome.VersionPublished, row),
            var row => (StoreOutcome.Ok, row),
        };
    }

    private static (string, object?)[] ContentParameters(DriverVersionContent c) =>
    [
        ("$edge", c.EdgeVersion), ("$description", c.Description), ("$source", c.SourceConfig), ("$driverConfig", c.DriverConfig),
        ("$container", c.ContainerConfig), ("$rule", c.ConfigCheckRule), ("$argument", c.Argument),
    ];

    /// <summary>Reads <see cref="VersionColumns"/> starting at column <paramref name="first"/>.</summary>
    private static DriverVersion ReadVersion(SqliteDataReader r, string driverId, int first) => new(
        driverId,
        r.GetString(first),
        r.GetInt64(first + 1) != 0,
        new DriverVersionContent(r.GetString(first + 2), r.GetString(first + 3), r.GetString(first + 4), r.GetString(first + 5),
            r.GetString(first + 6), r.GetString(first + 7), r.GetString(first + 8)),
        r.GetInt64(first + 9),
        r.GetInt64(first + 10),
        r.IsDBNull(first + 11) ? null : r.GetString(first + 11));

    /// <summary>
    /// Whether every object named is still there, uploaded. The operation checked them before this transaction; a
    /// delete or a sweep may have removed one since, and only a check inside the transaction that inserts the
    /// references is ordered with the transactions that remove objects.
    /// </summary>
    private static bool AreUploaded(SqliteSession session, SqliteTransaction transaction, ObjectReferences objects) =>
        objects.Keys.All(key =>
            session.Long(transaction, "SELECT 1 FROM objects WHERE object_key = $key AND blob_id IS NOT NULL", ("$key", key)) is not null);

    private static void LinkObjects(SqliteSession session, SqliteTransaction transaction, long versionPk, ObjectReferences objects)
    {
        foreach (var key in objects.Keys.Distinct(StringComparer.Ordinal))
        {
            session.Run(transaction, "INSERT INTO version_objects (version_pk, object_key) VALUES ($vpk, $key)", ("$vpk", versionPk), ("$key", key));
        }
    }
}
