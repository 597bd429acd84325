using EdgeRegistry.Accounts;

namespace EdgeRegistry.Storage.Sqlite;

public sealed class SqliteAccountStore(SqliteDatabase database, TimeProvider time) : IAccountStore
{
    public Task<StoredAccessKey?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var command = session.Command(null,
            "SELECT account_id, secret_ciphertext, enabled, user_name FROM access_keys WHERE access_key_id = $id", ("$id", accessKeyId));
        using var reader = command.ExecuteReader();
        var key = reader.Read()
            ? new StoredAccessKey(accessKeyId, reader.GetString(0), (byte[])reader.GetValue(1), reader.GetInt64(2) != 0,
                reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
        return Task.FromResult(key);
    }

    public Task<bool> InstanceExistsAsync(string accountId, string instanceId, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var found = session.Long(null, "SELECT 1 FROM instances WHERE account_id = $a AND instance_id = $i", ("$a", accountId), ("$i", instanceId));
        return Task.FromResult(found is not null);
    }

    public Task<string?> FindDefaultAccountAsync(CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        var command = session.Command(null, "SELECT account_id FROM accounts WHERE is_default = 1");
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    public Task CreateAccountAsync(string accountId, string name, bool isDefault, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        session.Run(null, "INSERT INTO accounts (account_id, name, is_default, created_ms) VALUES ($id, $name, $default, $now)",
            ("$id", accountId), ("$name", name), ("$default", isDefault ? 1 : 0), ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return Task.CompletedTask;
    }

    public Task PutAccessKeyAsync(StoredAccessKey key, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        session.Run(null,
            "INSERT INTO access_keys (access_key_id, account_id, secret_ciphertext, enabled, created_ms) VALUES ($id, $a, $secret, $enabled, $now) " +
            "ON CONFLICT (access_key_id) DO UPDATE SET secret_ciphertext = excluded.secret_ciphertext, enabled = excluded.enabled",
            ("$id", key.AccessKeyId), ("$a", key.AccountId), ("$secret", key.SecretCiphertext), ("$enabled", key.Enabled ? 1 : 0),
            ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return Task.CompletedTask;
    }

    public Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        session.Run(null, "INSERT INTO server_settings (name, value) VALUES ($n, $v) ON CONFLICT (name) DO NOTHING", ("$n", name), ("$v", value));
        var command = session.Command(null, "SELECT value FROM server_settings WHERE name = $n", ("$n", name));
        return Task.FromResult((string)command.ExecuteScalar()!);
    }

}
