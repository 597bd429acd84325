using System.Collections.Concurrent;
using EdgeRegistry.Accounts;

namespace EdgeRegistry.Auth;

/// <summary>An AccessKey as verification needs it: the secret in clear, held only in memory.</summary>
public sealed record ResolvedAccessKey(string AccessKeyId, string AccountId, string Secret, bool Enabled);

public interface IAccessKeyResolver
{
    ValueTask<ResolvedAccessKey?> FindAsync(string accessKeyId, CancellationToken cancellationToken);
}

/// <summary>
/// Looks keys up in the store and decrypts their secrets, remembering the answer briefly: every request needs its
/// key, and a flood of requests with an unknown key should not each cost a database read. A disabled or deleted
/// key therefore keeps working for at most <see cref="Lifetime"/> on a replica that had it cached.
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
            : new ResolvedAccessKey(stored.AccessKeyId, stored.AccountId, protector.Decrypt(stored.SecretCiphertext), stored.Enabled);
        if (_cache.Count > 100_000)
        {
            // Unknown ids from a flood must not grow the cache without bound.
            _cache.Clear();
        }

        _cache[accessKeyId] = (resolved, now + Lifetime);
        return resolved;
    }
}
