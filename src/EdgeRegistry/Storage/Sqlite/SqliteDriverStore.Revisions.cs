using EdgeRegistry.Accounts;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

public sealed partial class SqliteDriverStore
{
    public Task<ReadRevision?> GetRevisionAsync(TenantScope scope, string? driverId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        if (driverId is null)
        {
            var scopeRevision = session.Long(null, "SELECT revision FROM scope_counts WHERE account_id = $a AND instance_id = $i",
                ("$a", scope.AccountId), ("$i", scope.InstanceId)) ?? 0;
            return Task.FromResult<ReadRevision?>(new ReadRevision(scopeRevision, 0));
        }

        // One statement, so both revisions come from one snapshot.
        var command = session.Command(null,
            "SELECT s.revision, d.revision FROM drivers d JOIN scope_counts s ON s.account_id = d.account_id AND s.instance_id = d.instance_id " +
            "WHERE d.driver_id = $id AND d.account_id = $a AND d.instance_id = $i",
            ("$id", driverId), ("$a", scope.AccountId), ("$i", scope.InstanceId));
        using var reader = command.ExecuteReader();
        return Task.FromResult(Read(reader));
    }

    private static ReadRevision? Read(SqliteDataReader reader) =>
        reader.Read() ? new ReadRevision(reader.GetInt64(0), reader.GetInt64(1)) : null;
}
