using System.Collections.Concurrent;
using EdgeRegistry.Accounts;
using EdgeRegistry.Changes;

namespace EdgeRegistry.Auth;

/// <summary>An AccessKey as verification needs it: the secret in clear, held only in memory.</summary>
/// <param name="UserName">The RAM user the key belongs to; null for the account's root key.</param>
public sealed record ResolvedAccessKey(string AccessKeyId, string AccountId, string Secret, bool Enabled, string? UserName);

public interface IAccessKeyResolver
{
    ValueTask<ResolvedAccessKey?> FindAsync(string accessKeyId, CancellationToken cancellationToken);
}

/// <summary>
/// Looks keys up in the store and decrypts their secrets, remembering the answer briefly: every request needs its
/// key, and a flood of requests with an unknown key should not each cost a database read. A disabled or deleted
/// key stops working as soon as the change feed says so, and within <see cref="Lifetime"/> in any case.
/// </summary>
public sealed class CachedAccessKeyResolver : IAccessKeyResolver
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (ResolvedAccessKey? Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly IAccountStore accounts;
    private readonly SecretProtector protector;
    private readonly TimeProvider time;

    public CachedAccessKeyResolver(IAccountStore accounts, SecretProtector protector, TimeProvider time, IChangeFeed changes)
    {
        (this.accounts, this.protector, this.time) = (accounts, protector, time);
        changes.Subscribe((change, token) =>
        {
            if (change is AccessKeyChanged key)
            {
                _cache.TryRemove(key.AccessKeyId, out _);
            }
            else if (change is CachesMayBeStale)
            {
                _cache.Clear();
            }

            return ValueTask.CompletedTask;
        });
    }

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

}
