using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

public sealed partial class PostgresDriverStore
{
    private const string VersionColumns =
        "version, published, edge_version, description, source_config, driver_config, container_config, config_check_rule, argument, created_ms, modified_ms, source_object_key";

    public async Task<StoreOutcome> ReplaceVersionAsync(TenantScope scope, string driverId, string version, DriverVersionContent content, ObjectReferences objects, long nowMs, CancellationToken cancellationToken)
    {
        try
        {
            return await Data.InTransactionAsync(async (c, t) =>
            {
                var (outcome, row) = await FindUnpublishedAsync(c, t, scope, driverId, version, cancellationToken);
                if (outcome != StoreOutcome.Ok)
                {
                    return outcome;
                }

                if (!await LockUploadedAsync(c, t, objects, cancellationToken))
                {
                    return StoreOutcome.ObjectNotFound;
                }

                await c.RunAsync(t,
                    "UPDATE driver_versions SET edge_version = @edge, description = @description, source_config = @source, driver_config = @driverConfig, " +
                    "container_config = @container, config_check_rule = @rule, argument = @argument, modified_ms = @now, source_object_key = @sourceKey WHERE version_pk = @vpk",
                    cancellationToken, [("vpk", row!.Pk), ("now", nowMs), ("sourceKey", objects.SourceObjectKey), .. ContentParameters(content)]);
                await c.RunAsync(t, "DELETE FROM version_objects WHERE version_pk = @vpk", cancellationToken, ("vpk", row.Pk));
                await LinkObjectsAsync(c, t, row.Pk, objects, cancellationToken);
                await c.RunAsync(t, "UPDATE drivers SET revision = revision + 1 WHERE driver_pk = @pk", cancellationToken, ("pk", row.DriverPk));
                return StoreOutcome.Ok;
            }, cancellationToken);
        }
        catch (PostgresException e) when (e.IsForeignKeyViolation())
        {
            return StoreOutcome.ObjectNotFound;
        }
    }

    public async Task<StoreResult<DriverVersion>> GetVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        var joined = string.Join(", ", VersionColumns.Split(", ").Select(column => "v." + column));
        var rows = await connection.ListAsync(null,
            $"SELECT d.driver_pk, {joined} FROM drivers d LEFT JOIN driver_versions v ON v.driver_pk = d.driver_pk AND v.version = @v " +
            "WHERE d.driver_id = @id AND d.account_id = @a AND d.instance_id = @i",
            r => r.IsDBNull(1) ? null : ReadVersion(r, driverId, first: 1),
            cancellationToken, ("v", version), ("id", driverId), ("a", scope.AccountId), ("i", scope.InstanceId));
        return rows switch
        {
            [] => StoreResult<DriverVersion>.Failed(StoreOutcome.DriverNotFound),
            [null] => StoreResult<DriverVersion>.Failed(StoreOutcome.VersionNotFound),
            [var found, ..] => new StoreResult<DriverVersion>(StoreOutcome.Ok, found),
        };
    }

    /// <summary>
    /// The objects presigned for this version, and those it named, go with it unless another version names them.
    /// Versions naming them are created under the same driver lock, so the NOT EXISTS is not raced from this driver;
    /// a foreign-key refusal (a store caller naming another driver's object) retries the whole delete.
    /// </summary>
    public Task<StoreResult<IReadOnlyList<string>>> DeleteVersionAsync(TenantScope scope, string driverId, string version, CancellationToken cancellationToken) =>
        Data.InTransactionAsync(async (c, t) =>
        {
            var (outcome, row) = await FindUnpublishedAsync(c, t, scope, driverId, version, cancellationToken);
            if (outcome != StoreOutcome.Ok)
            {
                return StoreResult<IReadOnlyList<string>>.Failed(outcome);
            }

            var named = await c.ListAsync(t, "DELETE FROM version_objects WHERE version_pk = @vpk RETURNING object_key", r => r.GetString(0),
                cancellationToken, ("vpk", row!.Pk));
            await c.RunAsync(t, "DELETE FROM driver_versions WHERE version_pk = @vpk", cancellationToken, ("vpk", row.Pk));
            var blobs = await DeleteObjectsAsync(c, t,
                "account_id = @a AND instance_id = @i AND (object_key = ANY(@named) OR (driver_id = @d AND driver_version = @v)) " +
                "AND NOT EXISTS (SELECT 1 FROM version_objects vo WHERE vo.object_key = objects.object_key)",
                cancellationToken, ("named", named.ToArray()), ("d", driverId), ("v", version), ("a", scope.AccountId), ("i", scope.InstanceId));
            await c.RunAsync(t, "UPDATE drivers SET version_count = version_count - 1, revision = revision + 1 WHERE driver_pk = @pk", cancellationToken, ("pk", row.DriverPk));
            await PostgresVersionBlocks.AddAsync(c, t, row.DriverPk, PostgresVersionBlocks.Unpublished, row.Ord, -1, cancellationToken);
            await PostgresVersionBlocks.AddAsync(c, t, row.DriverPk, PostgresVersionBlocks.All, row.Ord, -1, cancellationToken);
            return new StoreResult<IReadOnlyList<string>>(StoreOutcome.Ok, blobs);
        }, cancellationToken, retryWhen: e => e.IsForeignKeyViolation());

    public Task<StoreOutcome> ReleaseVersionAsync(TenantScope scope, string driverId, string version, long nowMs, CancellationToken cancellationToken) =>
        Data.InTransactionAsync(async (c, t) =>
        {
            var (outcome, row) = await FindUnpublishedAsync(c, t, scope, driverId, version, cancellationToken);
            if (outcome == StoreOutcome.VersionPublished)
            {
                return StoreOutcome.Ok;
            }

            if (outcome != StoreOutcome.Ok)
            {
                return outcome;
            }

            await c.RunAsync(t, "UPDATE driver_versions SET published = TRUE, modified_ms = @now WHERE version_pk = @vpk", cancellationToken, ("now", nowMs), ("vpk", row!.Pk));
            await c.RunAsync(t, "UPDATE drivers SET published_count = published_count + 1, revision = revision + 1 WHERE driver_pk = @pk", cancellationToken, ("pk", row.DriverPk));
            await PostgresVersionBlocks.AddAsync(c, t, row.DriverPk, PostgresVersionBlocks.Unpublished, row.Ord, -1, cancellationToken);
            await PostgresVersionBlocks.AddAsync(c, t, row.DriverPk, PostgresVersionBlocks.Published, row.Ord, +1, cancellationToken);
            return StoreOutcome.Ok;
        }, cancellationToken);
}
