using EdgeRegistry.Accounts;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>Administration of accounts, keys and RAM users; policies, instances and quotas are in the second part.</summary>
public sealed partial class SqliteAdminStore(SqliteDatabase database, TimeProvider time) : IAdminStore
{
    public Task<IReadOnlyList<AccountInfo>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        return Task.FromResult<IReadOnlyList<AccountInfo>>(ReadAccounts(session.Command(null,
            "SELECT account_id, name, is_default, created_ms FROM accounts ORDER BY created_ms, account_id")));
    }

    public Task<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var accounts = ReadAccounts(session.Command(null,
            "SELECT account_id, name, is_default, created_ms FROM accounts WHERE account_id = $a", ("$a", accountId)));
        return Task.FromResult(accounts.FirstOrDefault());
    }

    public Task<IReadOnlyList<AccessKeyInfo>> ListKeysAsync(string accountId, string? userName, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var filter = userName switch
        {
            null => "",
            "" => " AND user_name IS NULL",
            _ => " AND user_name = $u",
        };
        var command = session.Command(null,
            "SELECT access_key_id, user_name, enabled, created_ms FROM access_keys WHERE account_id = $a" + filter + " ORDER BY created_ms, access_key_id",
            ("$a", accountId), ("$u", userName));
        using var r = command.ExecuteReader();
        var keys = new List<AccessKeyInfo>();
        while (r.Read())
        {
            keys.Add(new AccessKeyInfo(r.GetString(0), accountId, r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3)));
        }

        return Task.FromResult<IReadOnlyList<AccessKeyInfo>>(keys);
    }

    public Task<AdminOutcome> AddKeyAsync(string accountId, string? userName, string accessKeyId, byte[] secretCiphertext, CancellationToken cancellationToken) =>
        Write(session =>
        {
            if (userName is not null && !UserExists(session, accountId, userName))
            {
                return AdminOutcome.UserNotFound;
            }

            session.Run(session.Transaction,
                "INSERT INTO access_keys (access_key_id, account_id, user_name, secret_ciphertext, enabled, created_ms) VALUES ($id, $a, $u, $s, 1, $now)",
                ("$id", accessKeyId), ("$a", accountId), ("$u", userName), ("$s", secretCiphertext), ("$now", Now));
            return AdminOutcome.Ok;
        }, accountId);

    public Task<AdminOutcome> SetKeyEnabledAsync(string accountId, string accessKeyId, bool enabled, CancellationToken cancellationToken) =>
        Write(session => session.Run(session.Transaction,
                "UPDATE access_keys SET enabled = $e WHERE account_id = $a AND access_key_id = $id",
                ("$e", enabled ? 1 : 0), ("$a", accountId), ("$id", accessKeyId)) == 0 ? AdminOutcome.KeyNotFound : AdminOutcome.Ok,
            accountId);

    public Task<AdminOutcome> DeleteKeyAsync(string accountId, string accessKeyId, CancellationToken cancellationToken) =>
        Write(session => session.Run(session.Transaction,
                "DELETE FROM access_keys WHERE account_id = $a AND access_key_id = $id",
                ("$a", accountId), ("$id", accessKeyId)) == 0 ? AdminOutcome.KeyNotFound : AdminOutcome.Ok,
            accountId);

    public Task<IReadOnlyList<RamUserInfo>> ListUsersAsync(string accountId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var command = session.Command(null,
            "SELECT u.user_name, u.created_ms, group_concat(p.policy_name, char(10)) FROM ram_users u " +
            "LEFT JOIN user_policies p ON p.account_id = u.account_id AND p.user_name = u.user_name " +
            "WHERE u.account_id = $a GROUP BY u.user_name, u.created_ms ORDER BY u.user_name",
            ("$a", accountId));
        using var r = command.ExecuteReader();
        var users = new List<RamUserInfo>();
        while (r.Read())
        {
            var policies = r.IsDBNull(2) ? [] : r.GetString(2).Split('\n').Order(StringComparer.Ordinal).ToArray();
            users.Add(new RamUserInfo(accountId, r.GetString(0), r.GetInt64(1), policies));
        }

        return Task.FromResult<IReadOnlyList<RamUserInfo>>(users);
    }

    public Task<AdminOutcome> CreateUserAsync(string accountId, string userName, CancellationToken cancellationToken) =>
        Write(session =>
        {
            if (UserExists(session, accountId, userName))
            {
                return AdminOutcome.UserExists;
            }

            session.Run(session.Transaction, "INSERT INTO ram_users (account_id, user_name, created_ms) VALUES ($a, $u, $now)",
                ("$a", accountId), ("$u", userName), ("$now", Now));
            return AdminOutcome.Ok;
        }, accountId);

    public Task<AdminOutcome> DeleteUserAsync(string accountId, string userName, CancellationToken cancellationToken) =>
        Write(session =>
        {
            if (!UserExists(session, accountId, userName))
            {
                return AdminOutcome.UserNotFound;
            }

            session.Run(session.Transaction, "DELETE FROM access_keys WHERE account_id = $a AND user_name = $u", ("$a", accountId), ("$u", userName));
            session.Run(session.Transaction, "DELETE FROM ram_users WHERE account_id = $a AND user_name = $u", ("$a", accountId), ("$u", userName));
            return AdminOutcome.Ok;
        }, accountId);

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Runs a change in one write transaction, after checking the account exists.</summary>
    private Task<AdminOutcome> Write(Func<SqliteSession, AdminOutcome> change, string accountId)
    {
        using var session = database.Lease();
        using var transaction = session.BeginTransaction();
        if (session.Long(transaction, "SELECT 1 FROM accounts WHERE account_id = $a", ("$a", accountId)) is null)
        {
            return Task.FromResult(AdminOutcome.AccountNotFound);
        }

        var outcome = change(session);
        if (outcome == AdminOutcome.Ok)
        {
            transaction.Commit();
        }

        return Task.FromResult(outcome);
    }

    private static bool UserExists(SqliteSession session, string accountId, string userName) =>
        session.Long(session.Transaction, "SELECT 1 FROM ram_users WHERE account_id = $a AND user_name = $u", ("$a", accountId), ("$u", userName)) is not null;

    private static List<AccountInfo> ReadAccounts(SqliteCommand command)
    {
        using var r = command.ExecuteReader();
        var accounts = new List<AccountInfo>();
        while (r.Read())
        {
            accounts.Add(new AccountInfo(r.GetString(0), r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3)));
        }

        return accounts;
    }
}
