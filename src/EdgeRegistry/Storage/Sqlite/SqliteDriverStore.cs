using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>
/// Drivers and versions in SQLite. Writes run in IMMEDIATE transactions (one writer at a time, so "check, then
/// insert" cannot race); a query reads its Total and its page in one snapshot.
/// </summary>
public sealed partial class SqliteDriverStore(SqliteDatabase database) : IDriverStore
{
    private const string DriverColumns = "driver_id, name, protocol, runtime, cpu_arch, is_built_in, created_ms, modified_ms";

    public async Task<StoreOutcome> CreateDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        try
        {
            session.Run(transaction,
                $"INSERT INTO drivers (account_id, instance_id, {DriverColumns}) VALUES ($a, $i, $id, $name, $protocol, $runtime, $arch, $builtIn, $created, $created)",
                ("$a", scope.AccountId), ("$i", scope.InstanceId), ("$id", driver.DriverId), ("$name", driver.Name),
                ("$protocol", driver.Protocol), ("$runtime", driver.Runtime), ("$arch", driver.CpuArch),
                ("$builtIn", driver.IsBuiltIn ? 1 : 0), ("$created", driver.CreatedMs));
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            return StoreOutcome.DriverNameExists;
        }

        AddToScopeCount(session, transaction, scope, +1);
        transaction.Commit();
        return StoreOutcome.Ok;
    }

    public Task<Page<Driver>> QueryDriversAsync(TenantScope scope, string? nameContains, int offset, int limit, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        using var snapshot = session.BeginTransaction(deferred: true);
        var filter = nameContains is null ? "" : " AND instr(lower(name), lower($name)) > 0";
        (string, object?)[] parameters = [("$a", scope.AccountId), ("$i", scope.InstanceId), ("$name", nameContains), ("$limit", limit), ("$offset", offset)];
        var total = nameContains is null
            ? session.Long(snapshot, "SELECT driver_count FROM scope_counts WHERE account_id = $a AND instance_id = $i", parameters) ?? 0
            : session.Long(snapshot, "SELECT count(*) FROM drivers WHERE account_id = $a AND instance_id = $i" + filter, parameters) ?? 0;
        var command = session.Command(snapshot,
            $"SELECT {DriverColumns} FROM drivers WHERE account_id = $a AND instance_id = $i{filter} ORDER BY driver_pk DESC LIMIT $limit OFFSET $offset",
            parameters);
        return Task.FromResult(new Page<Driver>(ReadDrivers(command), (int)total));
    }

    public Task<IReadOnlyList<Driver>> GetDriversAsync(TenantScope scope, IReadOnlyList<string> driverIds, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var names = driverIds.Select((_, i) => "$d" + i).ToArray();
        var parameters = driverIds.Select((id, i) => (names[i], (object?)id))
            .Append(("$a", scope.AccountId)).Append(("$i", scope.InstanceId)).ToArray();
        var command = session.Command(null,
            $"SELECT {DriverColumns} FROM drivers WHERE account_id = $a AND instance_id = $i AND driver_id IN ({string.Join(", ", names)})",
            parameters);
        var found = ReadDrivers(command).ToDictionary(d => d.DriverId, StringComparer.Ordinal);
        IReadOnlyList<Driver> ordered = [.. driverIds.Distinct(StringComparer.Ordinal).Where(found.ContainsKey).Select(id => found[id])];
        return Task.FromResult(ordered);
    }

    public async Task<StoreResult<IReadOnlyList<string>>> DeleteDriverAsync(TenantScope scope, string driverId, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        if (FindDriver(session, transaction, scope, driverId) is not { } driver)
        {
            return StoreResult<IReadOnlyList<string>>.Failed(StoreOutcome.DriverNotFound);
        }

        if (driver.PublishedCount > 0)
        {
            return StoreResult<IReadOnlyList<string>>.Failed(StoreOutcome.DriverHasPublishedVersion);
        }

        // The versions first (their object references go with them): an object a version names cannot be deleted.
        session.Run(transaction, "DELETE FROM drivers WHERE driver_pk = $pk", ("$pk", driver.Pk));
        var blobs = DeleteObjects(session, transaction, "driver_id = $d AND account_id = $a AND instance_id = $i",
            ("$d", driverId), ("$a", scope.AccountId), ("$i", scope.InstanceId));
        AddToScopeCount(session, transaction, scope, -1);
        transaction.Commit();
        return new StoreResult<IReadOnlyList<string>>(StoreOutcome.Ok, blobs);
    }

    /// <summary>Deletes the objects matching <paramref name="where"/> and returns the blobs they pointed to.</summary>
    private static List<string> DeleteObjects(SqliteSession session, SqliteTransaction transaction, string where, params (string, object?)[] parameters)
    {
        var blobs = new List<string>();
        var command = session.Command(transaction, $"SELECT blob_id FROM objects WHERE {where} AND blob_id IS NOT NULL", parameters);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                blobs.Add(reader.GetString(0));
            }
        }

        session.Run(transaction, $"DELETE FROM objects WHERE {where}", parameters);
        return blobs;
    }

    private static void AddToScopeCount(SqliteSession session, SqliteTransaction transaction, TenantScope scope, int delta) =>
        session.Run(transaction,
            "INSERT INTO scope_counts (account_id, instance_id, driver_count, revision) VALUES ($a, $i, $d, 1) " +
            "ON CONFLICT (account_id, instance_id) DO UPDATE SET driver_count = driver_count + excluded.driver_count, revision = revision + 1",
            ("$a", scope.AccountId), ("$i", scope.InstanceId), ("$d", delta));

    private static List<Driver> ReadDrivers(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var drivers = new List<Driver>();
        while (reader.Read())
        {
            drivers.Add(new Driver(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetInt64(5) != 0, reader.GetInt64(6), reader.GetInt64(7)));
        }

        return drivers;
    }

    /// <summary>The driver row as writes need it, found only inside the caller's scope.</summary>
    private sealed record DriverRow(long Pk, long VersionCount, long PublishedCount, long NextOrd, long LastVersionMs);

    private static DriverRow? FindDriver(SqliteSession session, SqliteTransaction transaction, TenantScope scope, string driverId)
    {
        var command = session.Command(transaction,
            "SELECT driver_pk, version_count, published_count, next_ord, last_version_ms FROM drivers " +
            "WHERE driver_id = $id AND account_id = $a AND instance_id = $i",
            ("$id", driverId), ("$a", scope.AccountId), ("$i", scope.InstanceId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new DriverRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4))
            : null;
    }
}
