using System.IO.Hashing;
using System.Text;
using EdgeRegistry.Auth;
using StackExchange.Redis;

namespace EdgeRegistry.Coordination;

/// <summary>
/// Signature nonces shared by every replica, so that a request replayed to another replica is refused too: one key
/// per AccessKeyId and nonce, set only if absent (<c>SET NX PX</c>) and gone once the request's timestamp could
/// no longer pass. The key holds a 128-bit hash of the pair rather than the pair, so its size does not depend on
/// what the client sent.
/// </summary>
public sealed class RedisNonceStore(RedisConnection redis, TimeProvider time) : INonceStore
{
    /// <summary>What a nonce is kept at least, even when its timestamp is about to expire: the replicas' clocks differ a little.</summary>
    private static readonly TimeSpan MinimumLifetime = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryUseAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var lifetime = expiresAt - time.GetUtcNow();
        var entry = (Key: KeyFor(accessKeyId, nonce), Lifetime: lifetime > MinimumLifetime ? lifetime : MinimumLifetime);
        return await redis.RunAsync(entry, static (db, e) =>
            db.StringSetAsync(e.Key, RedisValue.EmptyString, e.Lifetime, When.NotExists), cancellationToken);
    }

    internal RedisKey KeyFor(string accessKeyId, string nonce)
    {
        var text = accessKeyId + "\n" + nonce;
        var hash = XxHash128.Hash(Encoding.UTF8.GetBytes(text));
        return redis.KeyPrefix + "nonce:" + Convert.ToHexStringLower(hash);
    }
}
