using System.Collections.Concurrent;
using EdgeRegistry.Accounts;

namespace EdgeRegistry.Auth;

/// <summary>An AccessKey as verification needs it: the secret in clear, held only in memory.</summary>
/// <param name="UserName">The RAM user the key belongs to; null for the account's root key.</param>
public sealed record ResolvedAccessKey(string AccessKeyId, string AccountId, string Secret, bool Enabled, string? UserName);

public interface IAccessKeyResolver
{
    ValueTask<ResolvedAccessKey?> FindAsync(string accessKeyId, CancellationToken cancellationToken);

    /// <summary>Drops what this process remembers of the key, after an administrator changed it.</summary>
    void Forget(string accessKeyId);
}

/// <summary>
/// Looks keys up in the store and decrypts their secrets, remembering the answer briefly: every request needs its
/// key, and a flood of requests with an unknown key should not each cost a database read. A disabled or deleted
/// key stops working at once on the replica whose admin API changed it, and within <see cref="Lifetime"/> on others.
/// </summary>
public sealed class CachedAccessKeyResolver(IAccountStore accounts, SecretProtector protector, TimeProvider time) : IAccessKeyResolver
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (ResolvedAccessKey? Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<ResolvedAccessKey?> FindAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(accessKeyId, out var cached) && cached.Until > now)
        {
            return cached.Key;
        }

        var stored = await accounts.FindAccessKeyAsync(accessKeyId, cancellationToken);
        var resolved = stored is null
            ? null
            : new ResolvedAccessKey(stored.AccessKeyId, stored.AccountId, protector.Decrypt(stored.SecretCiphertext), stored.Enabled, stored.UserName);
        if (_cache.Count > 100_000)
        {
            // Unknown ids from a flood must not grow the cache without bound.
            _cache.Clear();
        }

        _cache[accessKeyId] = (resolved, now + Lifetime);
        return resolved;
    }

    public void Forget(string accessKeyId) => _cache.TryRemove(accessKeyId, out _);
}
