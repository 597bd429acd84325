using EdgeRegistry.Accounts;

namespace EdgeRegistry.Storage.Postgres;

public sealed partial class PostgresDriverStore
{
    public async Task<ReadRevision?> GetRevisionAsync(TenantScope scope, string? driverId, CancellationToken cancellationToken)
    {
        await using var connection = await database.HotReadSource.OpenConnectionAsync(cancellationToken);
        if (driverId is null)
        {
            var scopeRevision = await connection.LongAsync(null, "SELECT revision FROM scope_counts WHERE account_id = @a AND instance_id = @i",
                cancellationToken, ("a", scope.AccountId), ("i", scope.InstanceId)) ?? 0;
            return new ReadRevision(scopeRevision, 0);
        }

        // One statement, so both revisions come from one snapshot.
        var rows = await connection.ListAsync(null,
            "SELECT s.revision, d.revision FROM drivers d JOIN scope_counts s ON s.account_id = d.account_id AND s.instance_id = d.instance_id " +
            "WHERE d.driver_id = @id AND d.account_id = @a AND d.instance_id = @i",
            r => new ReadRevision(r.GetInt64(0), r.GetInt64(1)), cancellationToken,
            ("id", driverId), ("a", scope.AccountId), ("i", scope.InstanceId));
        return rows.Count == 0 ? null : rows[0];
    }
}
