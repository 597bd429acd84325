using EdgeRegistry.Accounts;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// Administration of accounts, keys and RAM users; policies, instances and quotas are in the second part. Names
/// sort with COLLATE "C", byte order as in SQLite, whatever the database's locale.
/// </summary>
public sealed partial class PostgresAdminStore(PostgresDatabase database, TimeProvider time) : IAdminStore
{
    private const string AccountColumns = "account_id, name, is_default, created_ms";

    private NpgsqlDataSource Data => database.DataSource;

    public async Task<IReadOnlyList<AccountInfo>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await connection.ListAsync(null, $"SELECT {AccountColumns} FROM accounts ORDER BY created_ms, account_id COLLATE \"C\"", ReadAccount, cancellationToken);
    }

    public async Task<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        var accounts = await connection.ListAsync(null, $"SELECT {AccountColumns} FROM accounts WHERE account_id = @a", ReadAccount, cancellationToken, ("a", accountId));
        return accounts.FirstOrDefault();
    }

    public async Task<IReadOnlyList<AccessKeyInfo>> ListKeysAsync(string accountId, string? userName, CancellationToken cancellationToken)
    {
        var filter = userName switch
        {
            null => "",
            "" => " AND user_name IS NULL",
            _ => " AND user_name = @u",
        };
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await connection.ListAsync(null,
            "SELECT access_key_id, user_name, enabled, created_ms FROM access_keys WHERE account_id = @a" + filter + " ORDER BY created_ms, access_key_id COLLATE \"C\"",
            r => new AccessKeyInfo(r.GetString(0), accountId, r.IsDBNull(1) ? null : r.GetString(1), r.GetBoolean(2), r.GetInt64(3)),
            cancellationToken, ("a", accountId), ("u", userName));
    }

    public Task<AdminOutcome> AddKeyAsync(string accountId, string? userName, string accessKeyId, byte[] secretCiphertext, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) =>
        {
            // FOR SHARE: a user deleted concurrently cannot lose the race and leave a key without its user.
            if (userName is not null && !await UserExistsAsync(c, t, accountId, userName, "FOR SHARE", cancellationToken))
            {
                return AdminOutcome.UserNotFound;
            }

            await c.RunAsync(t,
                "INSERT INTO access_keys (access_key_id, account_id, user_name, secret_ciphertext, enabled, created_ms) VALUES (@id, @a, @u, @s, TRUE, @now)",
                cancellationToken, ("id", accessKeyId), ("a", accountId), ("u", userName), ("s", secretCiphertext), ("now", Now));
            return AdminOutcome.Ok;
        }, cancellationToken);

    public Task<AdminOutcome> SetKeyEnabledAsync(string accountId, string accessKeyId, bool enabled, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) => await c.RunAsync(t,
                "UPDATE access_keys SET enabled = @e WHERE account_id = @a AND access_key_id = @id", cancellationToken,
                ("e", enabled), ("a", accountId), ("id", accessKeyId)) == 0 ? AdminOutcome.KeyNotFound : AdminOutcome.Ok,
            cancellationToken);

    public Task<AdminOutcome> DeleteKeyAsync(string accountId, string accessKeyId, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) => await c.RunAsync(t,
                "DELETE FROM access_keys WHERE account_id = @a AND access_key_id = @id", cancellationToken,
                ("a", accountId), ("id", accessKeyId)) == 0 ? AdminOutcome.KeyNotFound : AdminOutcome.Ok,
            cancellationToken);

    public async Task<IReadOnlyList<RamUserInfo>> ListUsersAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await connection.ListAsync(null,
            "SELECT u.user_name, u.created_ms, array_remove(array_agg(p.policy_name ORDER BY p.policy_name COLLATE \"C\"), NULL) FROM ram_users u " +
            "LEFT JOIN user_policies p ON p.account_id = u.account_id AND p.user_name = u.user_name " +
            "WHERE u.account_id = @a GROUP BY u.user_name, u.created_ms ORDER BY u.user_name COLLATE \"C\"",
            r => new RamUserInfo(accountId, r.GetString(0), r.GetInt64(1), r.GetFieldValue<string[]>(2)),
            cancellationToken, ("a", accountId));
    }

    /// <summary>The primary key decides between two replicas creating the same user: the loser reports UserExists.</summary>
    public Task<AdminOutcome> CreateUserAsync(string accountId, string userName, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) => await c.RunAsync(t,
                "INSERT INTO ram_users (account_id, user_name, created_ms) VALUES (@a, @u, @now) ON CONFLICT DO NOTHING", cancellationToken,
                ("a", accountId), ("u", userName), ("now", Now)) == 0 ? AdminOutcome.UserExists : AdminOutcome.Ok,
            cancellationToken);

    public Task<AdminOutcome> DeleteUserAsync(string accountId, string userName, CancellationToken cancellationToken) =>
        WriteAsync(accountId, async (c, t) =>
        {
            if (!await UserExistsAsync(c, t, accountId, userName, "FOR UPDATE", cancellationToken))
            {
                return AdminOutcome.UserNotFound;
            }

            await c.RunAsync(t, "DELETE FROM access_keys WHERE account_id = @a AND user_name = @u", cancellationToken, ("a", accountId), ("u", userName));
            await c.RunAsync(t, "DELETE FROM ram_users WHERE account_id = @a AND user_name = @u", cancellationToken, ("a", accountId), ("u", userName));
            return AdminOutcome.Ok;
        }, cancellationToken);

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Runs a change in one transaction, after checking the account exists; an outcome other than Ok rolls it back.
    /// The account row is read FOR SHARE, so no account can vanish under a change made in its name.
    /// </summary>
    private async Task<AdminOutcome> WriteAsync(string accountId, Func<NpgsqlConnection, NpgsqlTransaction, Task<AdminOutcome>> change, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.LongAsync(transaction, "SELECT 1 FROM accounts WHERE account_id = @a FOR SHARE", cancellationToken, ("a", accountId)) is null)
        {
            return AdminOutcome.AccountNotFound;
        }

        var outcome = await change(connection, transaction);
        if (outcome == AdminOutcome.Ok)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return outcome;
    }

    /// <summary>Whether the user exists, its row locked as <paramref name="lockClause"/> says for the rest of the transaction.</summary>
    private static async Task<bool> UserExistsAsync(NpgsqlConnection c, NpgsqlTransaction t, string accountId, string userName, string lockClause, CancellationToken cancellationToken) =>
        await c.LongAsync(t, "SELECT 1 FROM ram_users WHERE account_id = @a AND user_name = @u " + lockClause, cancellationToken,
            ("a", accountId), ("u", userName)) is not null;

    private static AccountInfo ReadAccount(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetInt64(3));
}
