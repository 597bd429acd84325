using EdgeRegistry.Accounts;

namespace EdgeRegistry.Storage.Postgres;

public sealed partial class PostgresAdminStore
{
    public async Task<IReadOnlyList<PolicyInfo>> ListPoliciesAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await connection.ListAsync(null,
            "SELECT policy_name, document, created_ms FROM policies WHERE account_id = @a ORDER BY policy_name COLLATE \"C\"",
            r => new PolicyInfo(accountId, r.GetString(0), r.GetString(1), r.GetInt64(2)), cancellationToken, ("a", accountId));
    }

    public Task<AdminOutcome> PutPolicyAsync(string accountId, string policyName, string document, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) =>
        {
            await c.RunAsync(t,
                "INSERT INTO policies (account_id, policy_name, document, created_ms) VALUES (@a, @p, @d, @now) " +
                "ON CONFLICT (account_id, policy_name) DO UPDATE SET document = excluded.document",
                cancellationToken, ("a", accountId), ("p", policyName), ("d", document), ("now", Now));
            return AdminOutcome.Ok;
        }, cancellationToken);

    /// <summary>
    /// The policy row is locked first, so an attachment made by another replica meanwhile either committed before
    /// (and is seen) or waits for this delete (and then finds no policy); the foreign key backs this up.
    /// </summary>
    public Task<AdminOutcome> DeletePolicyAsync(string accountId, string policyName, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) =>
        {
            if (await c.LongAsync(t, "SELECT 1 FROM policies WHERE account_id = @a AND policy_name = @p FOR UPDATE", cancellationToken,
                    ("a", accountId), ("p", policyName)) is null)
            {
                return AdminOutcome.PolicyNotFound;
            }

            if (await c.LongAsync(t, "SELECT 1 FROM user_policies WHERE account_id = @a AND policy_name = @p LIMIT 1", cancellationToken,
                    ("a", accountId), ("p", policyName)) is not null)
            {
                return AdminOutcome.PolicyAttached;
            }

            await c.RunAsync(t, "DELETE FROM policies WHERE account_id = @a AND policy_name = @p", cancellationToken, ("a", accountId), ("p", policyName));
            return AdminOutcome.Ok;
        }, cancellationToken);

    public Task<AdminOutcome> AttachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) =>
        {
            if (!await UserExistsAsync(c, t, accountId, userName, "FOR SHARE", cancellationToken))
            {
                return AdminOutcome.UserNotFound;
            }

            if (await c.LongAsync(t, "SELECT 1 FROM policies WHERE account_id = @a AND policy_name = @p FOR SHARE", cancellationToken,
                    ("a", accountId), ("p", policyName)) is null)
            {
                return AdminOutcome.PolicyNotFound;
            }

            await c.RunAsync(t, "INSERT INTO user_policies (account_id, user_name, policy_name) VALUES (@a, @u, @p) ON CONFLICT DO NOTHING",
                cancellationToken, ("a", accountId), ("u", userName), ("p", policyName));
            return AdminOutcome.Ok;
        }, cancellationToken);

    public Task<AdminOutcome> DetachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) => await c.RunAsync(t,
                "DELETE FROM user_policies WHERE account_id = @a AND user_name = @u AND policy_name = @p", cancellationToken,
                ("a", accountId), ("u", userName), ("p", policyName)) == 0 ? AdminOutcome.PolicyNotFound : AdminOutcome.Ok,
            cancellationToken);

    public async Task<IReadOnlyList<string>> UserPolicyDocumentsAsync(string accountId, string userName, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await connection.ListAsync(null,
            "SELECT p.document FROM user_policies up JOIN policies p ON p.account_id = up.account_id AND p.policy_name = up.policy_name " +
            "WHERE up.account_id = @a AND up.user_name = @u",
            r => r.GetString(0), cancellationToken, ("a", accountId), ("u", userName));
    }

    public async Task<IReadOnlyList<InstanceInfo>> ListInstancesAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await connection.ListAsync(null,
            "SELECT instance_id, created_ms FROM instances WHERE account_id = @a ORDER BY instance_id COLLATE \"C\"",
            r => new InstanceInfo(accountId, r.GetString(0), r.GetInt64(1)), cancellationToken, ("a", accountId));
    }

    /// <summary>Instance ids are unique across accounts, as Alibaba's are: the unique key decides between racing replicas.</summary>
    public Task<AdminOutcome> CreateInstanceAsync(string accountId, string instanceId, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) => await c.RunAsync(t,
                "INSERT INTO instances (account_id, instance_id, created_ms) VALUES (@a, @i, @now) ON CONFLICT DO NOTHING", cancellationToken,
                ("a", accountId), ("i", instanceId), ("now", Now)) == 0 ? AdminOutcome.InstanceExists : AdminOutcome.Ok,
            cancellationToken);

    public Task<AdminOutcome> DeleteInstanceAsync(string accountId, string instanceId, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) => await c.RunAsync(t,
                "DELETE FROM instances WHERE account_id = @a AND instance_id = @i", cancellationToken,
                ("a", accountId), ("i", instanceId)) == 0 ? AdminOutcome.InstanceNotFound : AdminOutcome.Ok,
            cancellationToken);

    public async Task<IReadOnlyList<QuotaOverride>> ListQuotaOverridesAsync(string? accountId, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await connection.ListAsync(null,
            "SELECT account_id, action, limit_per_second FROM quota_overrides" + (accountId is null ? "" : " WHERE account_id = @a") +
            " ORDER BY account_id COLLATE \"C\", action COLLATE \"C\"",
            r => new QuotaOverride(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2)), cancellationToken, ("a", accountId));
    }

    public Task<AdminOutcome> SetQuotaOverrideAsync(QuotaOverride quota, CancellationToken cancellationToken) =>
        WriteAsync(quota.AccountId, async (c, t) =>
        {
            await c.RunAsync(t,
                "INSERT INTO quota_overrides (account_id, action, limit_per_second) VALUES (@a, @action, @limit) " +
                "ON CONFLICT (account_id, action) DO UPDATE SET limit_per_second = excluded.limit_per_second",
                cancellationToken, ("a", quota.AccountId), ("action", quota.Action), ("limit", quota.LimitPerSecond));
            return AdminOutcome.Ok;
        }, cancellationToken);

    /// <summary>Removing an override that is not there is not an error: the account is then on the defaults, as asked.</summary>
    public Task<AdminOutcome> RemoveQuotaOverrideAsync(string accountId, string action, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) =>
        {
            await c.RunAsync(t, "DELETE FROM quota_overrides WHERE account_id = @a AND action = @action", cancellationToken, ("a", accountId), ("action", action));
            return AdminOutcome.Ok;
        }, cancellationToken);

    public Task<AdminOutcome> SetStorageLimitAsync(string accountId, long? limitBytes, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) =>
        {
            await c.RunAsync(t, limitBytes is null
                ? "DELETE FROM storage_limits WHERE account_id = @a"
                : "INSERT INTO storage_limits (account_id, limit_bytes) VALUES (@a, @limit) ON CONFLICT (account_id) DO UPDATE SET limit_bytes = excluded.limit_bytes",
                cancellationToken, ("a", accountId), ("limit", limitBytes));
            return AdminOutcome.Ok;
        }, cancellationToken);
}
