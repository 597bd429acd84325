namespace EdgeRegistry.Accounts;

/// <param name="UserName">The RAM user the key belongs to; null for the account's root key.</param>
public sealed record StoredAccessKey(string AccessKeyId, string AccountId, byte[] SecretCiphertext, bool Enabled, string? UserName = null);

/// <summary>Accounts, their AccessKeys and Enterprise instances, as the request path and start-up need them.</summary>
public interface IAccountStore
{
    Task<StoredAccessKey?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken);

    Task<bool> InstanceExistsAsync(string accountId, string instanceId, CancellationToken cancellationToken);

    /// <summary>The default account's id, or null before the first start created it.</summary>
    Task<string?> FindDefaultAccountAsync(CancellationToken cancellationToken);

    Task CreateAccountAsync(string accountId, string name, bool isDefault, CancellationToken cancellationToken);

    /// <summary>Adds the key to the account, or replaces the secret of a key with that id already there.</summary>
    Task PutAccessKeyAsync(StoredAccessKey key, CancellationToken cancellationToken);

    /// <summary>The setting's value, storing <paramref name="value"/> first if there is none: replicas racing at start-up all get the first one written.</summary>
    Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken);
}
