using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// Drivers and versions in PostgreSQL, written by several replicas at once under READ COMMITTED. Every write to a
/// driver's versions locks the driver row first (<c>FOR UPDATE</c>), which serialises them per driver as SQLite's
/// single writer does; duplicate names are decided by the unique keys; a query reads its Total and its page in one
/// REPEATABLE READ snapshot.
/// </summary>
public sealed partial class PostgresDriverStore(PostgresDatabase database) : IDriverStore
{
    private const string DriverColumns = "driver_id, name, protocol, runtime, cpu_arch, is_built_in, created_ms, modified_ms";

    private NpgsqlDataSource Data => database.DataSource;

    /// <summary>Replicas racing to create one name all insert; the unique key lets one commit and the others see 23505.</summary>
    public async Task<StoreOutcome> CreateDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken)
    {
        try
        {
            return await Data.InTransactionAsync(async (c, t) =>
            {
                await c.RunAsync(t,
                    $"INSERT INTO drivers (account_id, instance_id, {DriverColumns}) VALUES (@a, @i, @id, @name, @protocol, @runtime, @arch, @builtIn, @created, @created)",
                    cancellationToken,
                    ("a", scope.AccountId), ("i", scope.InstanceId), ("id", driver.DriverId), ("name", driver.Name), ("protocol", driver.Protocol),
                    ("runtime", driver.Runtime), ("arch", driver.CpuArch), ("builtIn", driver.IsBuiltIn), ("created", driver.CreatedMs));
                await AddToScopeCountAsync(c, t, scope, +1, cancellationToken);
                return StoreOutcome.Ok;
            }, cancellationToken);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            return StoreOutcome.DriverNameExists;
        }
    }

    /// <summary>
    /// The name filter folds ASCII letters only (lower() under COLLATE "C"), as SQLite's lower() does, whatever
    /// the database's locale.
    /// </summary>
    public Task<Page<Driver>> QueryDriversAsync(TenantScope scope, string? nameContains, int offset, int limit, CancellationToken cancellationToken) =>
        Data.InSnapshotAsync(async (c, t) =>
        {
            var filter = nameContains is null ? "" : " AND strpos(lower(name COLLATE \"C\"), lower(@name COLLATE \"C\")) > 0";
            (string, object?)[] parameters = [("a", scope.AccountId), ("i", scope.InstanceId), ("name", nameContains), ("limit", limit), ("offset", offset)];
            var total = nameContains is null
                ? await c.LongAsync(t, "SELECT driver_count FROM scope_counts WHERE account_id = @a AND instance_id = @i", cancellationToken, parameters) ?? 0
                : await c.LongAsync(t, "SELECT count(*) FROM drivers WHERE account_id = @a AND instance_id = @i" + filter, cancellationToken, parameters) ?? 0;
            var drivers = await c.ListAsync(t,
                $"SELECT {DriverColumns} FROM drivers WHERE account_id = @a AND instance_id = @i{filter} ORDER BY driver_pk DESC LIMIT @limit OFFSET @offset",
                ReadDriver, cancellationToken, parameters);
            return new Page<Driver>(drivers, (int)total);
        }, cancellationToken);

    public async Task<IReadOnlyList<Driver>> GetDriversAsync(TenantScope scope, IReadOnlyList<string> driverIds, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        var found = (await connection.ListAsync(null,
                $"SELECT {DriverColumns} FROM drivers WHERE account_id = @a AND instance_id = @i AND driver_id = ANY(@ids)",
                ReadDriver, cancellationToken, ("a", scope.AccountId), ("i", scope.InstanceId), ("ids", driverIds.ToArray())))
            .ToDictionary(d => d.DriverId, StringComparer.Ordinal);
        return [.. driverIds.Distinct(StringComparer.Ordinal).Where(found.ContainsKey).Select(id => found[id])];
    }

    /// <summary>
    /// The versions go first (their references with them, by the cascade), then the driver's objects: an object a
    /// version names cannot be deleted.
    /// </summary>
    public Task<StoreResult<IReadOnlyList<string>>> DeleteDriverAsync(TenantScope scope, string driverId, CancellationToken cancellationToken) =>
        Data.InTransactionAsync(async (c, t) =>
        {
            if (await FindDriverAsync(c, t, scope, driverId, cancellationToken) is not { } driver)
            {
                return StoreResult<IReadOnlyList<string>>.Failed(StoreOutcome.DriverNotFound);
            }

            if (driver.PublishedCount > 0)
            {
                return StoreResult<IReadOnlyList<string>>.Failed(StoreOutcome.DriverHasPublishedVersion);
            }

            await c.RunAsync(t, "DELETE FROM drivers WHERE driver_pk = @pk", cancellationToken, ("pk", driver.Pk));
            var blobs = await DeleteObjectsAsync(c, t, "driver_id = @d AND account_id = @a AND instance_id = @i", cancellationToken,
                ("d", driverId), ("a", scope.AccountId), ("i", scope.InstanceId));
            await AddToScopeCountAsync(c, t, scope, -1, cancellationToken);
            return new StoreResult<IReadOnlyList<string>>(StoreOutcome.Ok, blobs);
        }, cancellationToken, retryWhen: e => e.IsForeignKeyViolation());

    /// <summary>Deletes the objects matching <paramref name="where"/> and returns the blobs they pointed to.</summary>
    private static async Task<IReadOnlyList<string>> DeleteObjectsAsync(NpgsqlConnection c, NpgsqlTransaction t, string where, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        var blobs = await c.ListAsync(t, $"DELETE FROM objects WHERE {where} RETURNING blob_id", r => r.IsDBNull(0) ? null : r.GetString(0), cancellationToken, parameters);
        return [.. blobs.OfType<string>()];
    }

    private static Task<int> AddToScopeCountAsync(NpgsqlConnection c, NpgsqlTransaction t, TenantScope scope, int delta, CancellationToken cancellationToken) =>
        c.RunAsync(t,
            "INSERT INTO scope_counts (account_id, instance_id, driver_count, revision) VALUES (@a, @i, @d, 1) " +
            "ON CONFLICT (account_id, instance_id) DO UPDATE SET driver_count = scope_counts.driver_count + excluded.driver_count, revision = scope_counts.revision + 1",
            cancellationToken, ("a", scope.AccountId), ("i", scope.InstanceId), ("d", (long)delta));

    private static Driver ReadDriver(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5), r.GetInt64(6), r.GetInt64(7));

    /// <summary>The driver row as writes need it, found only inside the caller's scope.</summary>
    private sealed record DriverRow(long Pk, long VersionCount, long PublishedCount, long NextOrd, long LastVersionMs);

    /// <summary>
    /// The driver row, locked FOR UPDATE inside a write (every version write of the driver then waits its turn),
    /// or read as it is in a query's snapshot.
    /// </summary>
    private static async Task<DriverRow?> FindDriverAsync(NpgsqlConnection c, NpgsqlTransaction t, TenantScope scope, string driverId, CancellationToken cancellationToken, bool forUpdate = true)
    {
        var rows = await c.ListAsync(t,
            "SELECT driver_pk, version_count, published_count, next_ord, last_version_ms FROM drivers " +
            "WHERE driver_id = @id AND account_id = @a AND instance_id = @i" + (forUpdate ? " FOR UPDATE" : ""),
            r => new DriverRow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)),
            cancellationToken, ("id", driverId), ("a", scope.AccountId), ("i", scope.InstanceId));
        return rows.FirstOrDefault();
    }
}
