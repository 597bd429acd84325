using System.IO.Hashing;
using System.Text;

namespace EdgeRegistry.Auth;

/// <summary>Remembers signature nonces per AccessKeyId for as long as a replay could still pass the timestamp check.</summary>
public interface INonceStore
{
    /// <summary>True the first time a nonce is seen for a key; false for a replay.</summary>
    ValueTask<bool> TryUseAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

/// <summary>
/// One process's nonces, as 128-bit hashes of key and nonce (a busy server sees millions in 15 minutes, so the
/// strings themselves are not kept). A queue in arrival order lets expired hashes go without scanning the set.
/// </summary>
public sealed class InMemoryNonceStore(TimeProvider time) : INonceStore
{
    private readonly HashSet<UInt128> _seen = [];
    private readonly Queue<(long ExpiresAt, UInt128 Hash)> _expiry = new();
    private readonly Lock _lock = new();

    public ValueTask<bool> TryUseAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var hash = XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(accessKeyId + "\n" + nonce));
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            // Entries queue in arrival order, not expiry order: one that expires early may wait behind a later
            // one, which only keeps it longer than needed, never shorter.
            while (_expiry.TryPeek(out var head) && head.ExpiresAt < now)
            {
                _seen.Remove(_expiry.Dequeue().Hash);
            }

            if (!_seen.Add(hash))
            {
                return ValueTask.FromResult(false);
            }

            _expiry.Enqueue((expiresAt.ToUnixTimeSeconds(), hash));
            return ValueTask.FromResult(true);
        }
    }
}
