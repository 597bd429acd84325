using EdgeRegistry.Accounts;

namespace EdgeRegistry.Storage.Sqlite;

public sealed partial class SqliteAdminStore
{
    public Task<IReadOnlyList<PolicyInfo>> ListPoliciesAsync(string accountId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var command = session.Command(null,
            "SELECT policy_name, document, created_ms FROM policies WHERE account_id = $a ORDER BY policy_name", ("$a", accountId));
        using var r = command.ExecuteReader();
        var policies = new List<PolicyInfo>();
        while (r.Read())
        {
            policies.Add(new PolicyInfo(accountId, r.GetString(0), r.GetString(1), r.GetInt64(2)));
        }

        return Task.FromResult<IReadOnlyList<PolicyInfo>>(policies);
    }

    public Task<AdminOutcome> PutPolicyAsync(string accountId, string policyName, string document, CancellationToken cancellationToken) =>
        Write(session =>
        {
            session.Run(session.Transaction,
                "INSERT INTO policies (account_id, policy_name, document, created_ms) VALUES ($a, $p, $d, $now) " +
                "ON CONFLICT (account_id, policy_name) DO UPDATE SET document = excluded.document",
                ("$a", accountId), ("$p", policyName), ("$d", document), ("$now", Now));
            return AdminOutcome.Ok;
        }, accountId);

    public Task<AdminOutcome> DeletePolicyAsync(string accountId, string policyName, CancellationToken cancellationToken) =>
        Write(session =>
        {
            if (session.Long(session.Transaction, "SELECT 1 FROM user_policies WHERE account_id = $a AND policy_name = $p LIMIT 1",
                    ("$a", accountId), ("$p", policyName)) is not null)
            {
                return AdminOutcome.PolicyAttached;
            }

            return session.Run(session.Transaction, "DELETE FROM policies WHERE account_id = $a AND policy_name = $p",
                ("$a", accountId), ("$p", policyName)) == 0 ? AdminOutcome.PolicyNotFound : AdminOutcome.Ok;
        }, accountId);

    public Task<AdminOutcome> AttachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken) =>
        Write(session =>
        {
            if (!UserExists(session, accountId, userName))
            {
                return AdminOutcome.UserNotFound;
            }

            if (session.Long(session.Transaction, "SELECT 1 FROM policies WHERE account_id = $a AND policy_name = $p", ("$a", accountId), ("$p", policyName)) is null)
            {
                return AdminOutcome.PolicyNotFound;
            }

            session.Run(session.Transaction,
                "INSERT INTO user_policies (account_id, user_name, policy_name) VALUES ($a, $u, $p) ON CONFLICT DO NOTHING",
                ("$a", accountId), ("$u", userName), ("$p", policyName));
            return AdminOutcome.Ok;
        }, accountId);

    public Task<AdminOutcome> DetachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken) =>
        Write(session => session.Run(session.Transaction,
                "DELETE FROM user_policies WHERE account_id = $a AND user_name = $u AND policy_name = $p",
                ("$a", accountId), ("$u", userName), ("$p", policyName)) == 0 ? AdminOutcome.PolicyNotFound : AdminOutcome.Ok,
            accountId);

    public Task<IReadOnlyList<string>> UserPolicyDocumentsAsync(string accountId, string userName, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var command = session.Command(null,
            "SELECT p.document FROM user_policies up JOIN policies p ON p.account_id = up.account_id AND p.policy_name = up.policy_name " +
            "WHERE up.account_id = $a AND up.user_name = $u",
            ("$a", accountId), ("$u", userName));
        using var r = command.ExecuteReader();
        var documents = new List<string>();
        while (r.Read())
        {
            documents.Add(r.GetString(0));
        }

        return Task.FromResult<IReadOnlyList<string>>(documents);
    }

    public Task<IReadOnlyList<InstanceInfo>> ListInstancesAsync(string accountId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var command = session.Command(null,
            "SELECT instance_id, created_ms FROM instances WHERE account_id = $a ORDER BY instance_id", ("$a", accountId));
        using var r = command.ExecuteReader();
        var instances = new List<InstanceInfo>();
        while (r.Read())
        {
            instances.Add(new InstanceInfo(accountId, r.GetString(0), r.GetInt64(1)));
        }

        return Task.FromResult<IReadOnlyList<InstanceInfo>>(instances);
    }

    public Task<AdminOutcome> CreateInstanceAsync(string accountId, string instanceId, CancellationToken cancellationToken) =>
        Write(session =>
        {
            // Instance ids are unique across accounts, as Alibaba's are, so an id never names two tenants' instances.
            if (session.Long(session.Transaction, "SELECT 1 FROM instances WHERE instance_id = $i", ("$i", instanceId)) is not null)
            {
                return AdminOutcome.InstanceExists;
            }

            session.Run(session.Transaction, "INSERT INTO instances (account_id, instance_id, created_ms) VALUES ($a, $i, $now)",
                ("$a", accountId), ("$i", instanceId), ("$now", Now));
            return AdminOutcome.Ok;
        }, accountId);

    public Task<AdminOutcome> DeleteInstanceAsync(string accountId, string instanceId, CancellationToken cancellationToken) =>
        Write(session => session.Run(session.Transaction, "DELETE FROM instances WHERE account_id = $a AND instance_id = $i",
                ("$a", accountId), ("$i", instanceId)) == 0 ? AdminOutcome.InstanceNotFound : AdminOutcome.Ok,
            accountId);

    public Task<IReadOnlyList<QuotaOverride>> ListQuotaOverridesAsync(string? accountId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var command = session.Command(null,
            "SELECT account_id, action, limit_per_second FROM quota_overrides" + (accountId is null ? "" : " WHERE account_id = $a") + " ORDER BY account_id, action",
            ("$a", accountId));
        using var r = command.ExecuteReader();
        var overrides = new List<QuotaOverride>();
        while (r.Read())
        {
            overrides.Add(new QuotaOverride(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : (int)r.GetInt64(2)));
        }

        return Task.FromResult<IReadOnlyList<QuotaOverride>>(overrides);
    }

    public Task<AdminOutcome> SetQuotaOverrideAsync(QuotaOverride quota, CancellationToken cancellationToken) =>
        Write(session =>
        {
            session.Run(session.Transaction,
                "INSERT INTO quota_overrides (account_id, action, limit_per_second) VALUES ($a, $action, $limit) " +
                "ON CONFLICT (account_id, action) DO UPDATE SET limit_per_second = excluded.limit_per_second",
                ("$a", quota.AccountId), ("$action", quota.Action), ("$limit", quota.LimitPerSecond));
            return AdminOutcome.Ok;
        }, quota.AccountId);

    /// <summary>Removing an override that is not there is not an error: the account is then on the defaults, as asked.</summary>
    public Task<AdminOutcome> RemoveQuotaOverrideAsync(string accountId, string action, CancellationToken cancellationToken) =>
        Write(session =>
        {
            session.Run(session.Transaction, "DELETE FROM quota_overrides WHERE account_id = $a AND action = $action", ("$a", accountId), ("$action", action));
            return AdminOutcome.Ok;
        }, accountId);

    public Task<AdminOutcome> SetStorageLimitAsync(string accountId, long? limitBytes, CancellationToken cancellationToken) =>
        Write(session =>
        {
            session.Run(session.Transaction, limitBytes is null
                ? "DELETE FROM storage_limits WHERE account_id = $a"
                : "INSERT INTO storage_limits (account_id, limit_bytes) VALUES ($a, $limit) ON CONFLICT (account_id) DO UPDATE SET limit_bytes = excluded.limit_bytes",
                ("$a", accountId), ("$limit", limitBytes));
            return AdminOutcome.Ok;
        }, accountId);
}
