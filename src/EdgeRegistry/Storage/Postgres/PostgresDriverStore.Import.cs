using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

public sealed partial class PostgresDriverStore : IDriverImportStore
{
    public async Task<TenantScope?> FindDriverScopeAsync(string driverId, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        var found = await connection.ListAsync(null, "SELECT account_id, instance_id FROM drivers WHERE driver_id = @id",
            r => new TenantScope(r.GetString(0), r.GetString(1)), cancellationToken, ("id", driverId));
        return found.Count == 0 ? null : found[0];
    }

    public async Task<StoreOutcome> ImportDriverAsync(TenantScope scope, Driver driver, CancellationToken cancellationToken)
    {
        try
        {
            return await Data.InTransactionAsync(async (c, t) =>
            {
                await c.RunAsync(t,
                    $"INSERT INTO drivers (account_id, instance_id, {DriverColumns}) VALUES (@a, @i, @id, @name, @protocol, @runtime, @arch, @builtIn, @created, @modified)",
                    cancellationToken,
                    ("a", scope.AccountId), ("i", scope.InstanceId), ("id", driver.DriverId), ("name", driver.Name), ("protocol", driver.Protocol),
                    ("runtime", driver.Runtime), ("arch", driver.CpuArch), ("builtIn", driver.IsBuiltIn), ("created", driver.CreatedMs),
                    ("modified", driver.ModifiedMs));
                await AddToScopeCountAsync(c, t, scope, +1, cancellationToken);
                return StoreOutcome.Ok;
            }, cancellationToken);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            return StoreOutcome.DriverNameExists;
        }
    }
}
