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
/// One process's nonces, kept as 64-bit fingerprints of key and nonce in one set per minute of expiry; a whole
/// set is dropped once its minute has passed. A busy server sees millions of nonces in 15 minutes, so each costs
/// about 20 bytes rather than its strings. With N nonces held, a new one is wrongly taken for a replay with
/// probability N / 2^64 — about 3·10^-13 at five million.
/// </summary>
public sealed class InMemoryNonceStore(TimeProvider time) : INonceStore
{
    private readonly Dictionary<long, HashSet<ulong>> _byExpiryMinute = [];
    private readonly Lock _lock = new();

    public ValueTask<bool> TryUseAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(accessKeyId, nonce);
        var nowMinute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        lock (_lock)
        {
            foreach (var minute in _byExpiryMinute.Keys)
            {
                // Every nonce in that set expired before the current minute began.
                if (minute < nowMinute)
                {
                    _byExpiryMinute.Remove(minute);
                }
            }

            foreach (var set in _byExpiryMinute.Values)
            {
                if (set.Contains(fingerprint))
                {
                    return ValueTask.FromResult(false);
                }
            }

            var expiryMinute = expiresAt.ToUnixTimeSeconds() / 60;
            if (!_byExpiryMinute.TryGetValue(expiryMinute, out var bucket))
            {
                _byExpiryMinute[expiryMinute] = bucket = [];
            }

            bucket.Add(fingerprint);
            return ValueTask.FromResult(true);
        }
    }

    private static ulong Fingerprint(string accessKeyId, string nonce)
    {
        var length = Encoding.UTF8.GetMaxByteCount(accessKeyId.Length + nonce.Length + 1);
        Span<byte> bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(accessKeyId, bytes);
        bytes[written++] = (byte)'\n';
        written += Encoding.UTF8.GetBytes(nonce, bytes[written..]);
        return XxHash3.HashToUInt64(bytes[..written]);
    }
}
