using EdgeRegistry.Accounts;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

public sealed class PostgresAccountStore(PostgresDatabase database, TimeProvider time) : IAccountStore
{
    private NpgsqlDataSource Data => database.DataSource;

    public async Task<StoredAccessKey?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        var keys = await connection.ListAsync(null,
            "SELECT account_id, secret_ciphertext, enabled, user_name FROM access_keys WHERE access_key_id = @id",
            r => new StoredAccessKey(accessKeyId, r.GetString(0), (byte[])r.GetValue(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3)),
            cancellationToken, ("id", accessKeyId));
        return keys.FirstOrDefault();
    }

    public async Task<bool> InstanceExistsAsync(string accountId, string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        return await connection.LongAsync(null, "SELECT 1 FROM instances WHERE account_id = @a AND instance_id = @i", cancellationToken,
            ("a", accountId), ("i", instanceId)) is not null;
    }

    public async Task<string?> FindDefaultAccountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT account_id FROM accounts WHERE is_default");
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task CreateAccountAsync(string accountId, string name, bool isDefault, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        await connection.RunAsync(null, "INSERT INTO accounts (account_id, name, is_default, created_ms) VALUES (@id, @name, @default, @now)", cancellationToken,
            ("id", accountId), ("name", name), ("default", isDefault), ("now", Now));
    }

    public async Task PutAccessKeyAsync(StoredAccessKey key, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        await connection.RunAsync(null,
            "INSERT INTO access_keys (access_key_id, account_id, secret_ciphertext, enabled, created_ms) VALUES (@id, @a, @secret, @enabled, @now) " +
            "ON CONFLICT (access_key_id) DO UPDATE SET secret_ciphertext = excluded.secret_ciphertext, enabled = excluded.enabled",
            cancellationToken,
            ("id", key.AccessKeyId), ("a", key.AccountId), ("secret", key.SecretCiphertext), ("enabled", key.Enabled), ("now", Now));
    }

    /// <summary>
    /// Replicas starting together race here (admin token hash, link-signing key, key check): ON CONFLICT DO NOTHING
    /// lets exactly one insert win without an error, and every replica then reads the winner's value.
    /// </summary>
    public async Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken)
    {
        await using var connection = await Data.OpenConnectionAsync(cancellationToken);
        await connection.RunAsync(null, "INSERT INTO server_settings (name, value) VALUES (@n, @v) ON CONFLICT (name) DO NOTHING", cancellationToken,
            ("n", name), ("v", value));
        await using var command = connection.Command(null, "SELECT value FROM server_settings WHERE name = @n", ("n", name));
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();
}
