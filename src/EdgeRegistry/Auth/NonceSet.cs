namespace EdgeRegistry.Auth;

/// <summary>
/// The check-and-add both nonce stores make in process: <see cref="NonceFingerprint"/>s in one set per minute of
/// expiry, under one lock. A whole set is dropped once its minute has passed, so a nonce costs about 20 bytes and
/// forgetting costs no scan.
/// </summary>
internal sealed class NonceSet
{
    private readonly Dictionary<long, HashSet<ulong>> _byExpiryMinute = [];
    private readonly Lock _lock = new();

    /// <summary>How many nonces are held, expired ones not yet dropped included.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byExpiryMinute.Values.Sum(set => set.Count);
            }
        }
    }

    /// <summary>Holds a fingerprint known to be new (read back from a store's record), skipping the search for it.</summary>
    public void Add(ulong fingerprint, DateTimeOffset expiresAt)
    {
        lock (_lock)
        {
            SetOf(expiresAt).Add(fingerprint);
        }
    }

    /// <summary>True if the fingerprint was not held (it is now, until <paramref name="expiresAt"/>); false for a replay.</summary>
    public bool TryAdd(ulong fingerprint, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var nowMinute = now.ToUnixTimeSeconds() / 60;
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
                    return false;
                }
            }

            SetOf(expiresAt).Add(fingerprint);
            return true;
        }
    }

    private HashSet<ulong> SetOf(DateTimeOffset expiresAt)
    {
        var expiryMinute = expiresAt.ToUnixTimeSeconds() / 60;
        if (!_byExpiryMinute.TryGetValue(expiryMinute, out var set))
        {
            _byExpiryMinute[expiryMinute] = set = [];
        }

        return set;
    }
}
