using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

public sealed partial class SqliteDriverStore : IDriverImportStore
{
    public Task<TenantScope?> FindDriverScopeAsync(string driverId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        using var reader = session.Command(null, "SELECT account_id, instance_id FROM drivers WHERE driver_id = $id", ("$id", driverId)).ExecuteReader();
        return Task.FromResult(reader.Read() ? new TenantScope(reader.GetString(0), reader.GetString(1)) : null);
    }

    public async Task<StoreOutcome> ImportDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken);
        var (session, transaction) = (write.Session, write.Transaction);
        try
        {
            session.Run(transaction,
                $"INSERT INTO drivers (account_id, instance_id, {DriverColumns}) VALUES ($a, $i, $id, $name, $protocol, $runtime, $arch, $builtIn, $created, $modified)",
                ("$a", scope.AccountId), ("$i", scope.InstanceId), ("$id", driver.DriverId), ("$name", driver.Name),
                ("$protocol", driver.Protocol), ("$runtime", driver.Runtime), ("$arch", driver.CpuArch),
                ("$builtIn", driver.IsBuiltIn ? 1 : 0), ("$created", driver.CreatedMs), ("$modified", driver.ModifiedMs));
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            return StoreOutcome.DriverNameExists;
        }

        AddToScopeCount(session, transaction, scope, +1);
        transaction.Commit();
        return StoreOutcome.Ok;
    }
}
