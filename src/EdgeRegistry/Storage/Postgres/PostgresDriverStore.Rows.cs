using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>The version rows as the writes find, lock and link them.</summary>
public sealed partial class PostgresDriverStore
{
    private sealed record VersionRow(long Pk, long DriverPk, long Ord, bool Published);

    private static async Task<VersionRow?> FindVersionAsync(NpgsqlConnection c, NpgsqlTransaction t, long driverPk, string version, CancellationToken cancellationToken)
    {
        var rows = await c.ListAsync(t, "SELECT version_pk, ord, published FROM driver_versions WHERE driver_pk = @pk AND version = @v",
            r => new VersionRow(r.GetInt64(0), driverPk, r.GetInt64(1), r.GetBoolean(2)), cancellationToken, ("pk", driverPk), ("v", version));
        return rows.FirstOrDefault();
    }

    /// <summary>The version, if the driver is in scope (its row now locked), the version exists and it is still unpublished.</summary>
    private static async Task<(StoreOutcome, VersionRow?)> FindUnpublishedAsync(NpgsqlConnection c, NpgsqlTransaction t, TenantScope scope, string driverId, string version, CancellationToken cancellationToken)
    {
        if (await FindDriverAsync(c, t, scope, driverId, cancellationToken) is not { } driver)
        {
            return (StoreOutcome.DriverNotFound, null);
        }

        return await FindVersionAsync(c, t, driver.Pk, version, cancellationToken) switch
        {
            null => (StoreOutcome.VersionNotFound, null),
            { Published: true } row => (StoreOutcome.VersionPublished, row),
            var row => (StoreOutcome.Ok, row),
        };
    }

    /// <summary>
    /// Whether every object named is still there, uploaded, locking each FOR KEY SHARE until the transaction ends.
    /// The operation checked them before this transaction; a delete or a sweep on another replica may have removed
    /// one since. The lock orders this check with those deletes: one that committed first is seen here, one that
    /// comes later waits and then finds the reference (and keeps the object). Keys are locked in one order, so two
    /// writers naming the same objects cannot deadlock.
    /// </summary>
    private static async Task<bool> LockUploadedAsync(NpgsqlConnection c, NpgsqlTransaction t, ObjectReferences objects, CancellationToken cancellationToken)
    {
        var keys = objects.Keys.Distinct(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0)
        {
            return true;
        }

        var locked = await c.ListAsync(t,
            "SELECT object_key FROM objects WHERE object_key = ANY(@keys) AND blob_id IS NOT NULL ORDER BY object_key COLLATE \"C\" FOR KEY SHARE",
            r => r.GetString(0), cancellationToken, ("keys", keys));
        return locked.Count == keys.Length;
    }

    private static async Task LinkObjectsAsync(NpgsqlConnection c, NpgsqlTransaction t, long versionPk, ObjectReferences objects, CancellationToken cancellationToken)
    {
        var keys = objects.Keys.Distinct(StringComparer.Ordinal).ToArray();
        if (keys.Length > 0)
        {
            await c.RunAsync(t, "INSERT INTO version_objects (version_pk, object_key) SELECT @vpk, unnest(@keys)", cancellationToken,
                ("vpk", versionPk), ("keys", keys));
        }
    }

    private static (string, object?)[] ContentParameters(DriverVersionContent c) =>
    [
        ("edge", c.EdgeVersion), ("description", c.Description), ("source", c.SourceConfig), ("driverConfig", c.DriverConfig),
        ("container", c.ContainerConfig), ("rule", c.ConfigCheckRule), ("argument", c.Argument),
    ];

    /// <summary>Reads <see cref="VersionColumns"/> starting at column <paramref name="first"/>.</summary>
    private static DriverVersion ReadVersion(NpgsqlDataReader r, string driverId, int first) => new(
        driverId,
        r.GetString(first),
        r.GetBoolean(first + 1),
        new DriverVersionContent(r.GetString(first + 2), r.GetString(first + 3), r.GetString(first + 4), r.GetString(first + 5),
            r.GetString(first + 6), r.GetString(first + 7), r.GetString(first + 8)),
        r.GetInt64(first + 9),
        r.GetInt64(first + 10),
        r.IsDBNull(first + 11) ? null : r.GetString(first + 11));
}
