using System.Collections.Concurrent;
using System.Net;

namespace EdgeRegistry.Admin;

/// <summary>
/// Limits guessing the operator token: each client address may fail <see cref="MaxFailures"/> times per clock minute;
/// beyond that every attempt from it, right token or not, answers 429 until the minute ends (a guesser must not learn
/// which attempt was right). Each failure is logged with the address.
/// </summary>
public sealed class AdminTokenGuard(TimeProvider time, ILogger<AdminTokenGuard> log)
{
    public const int MaxFailures = 10;

    /// <summary>Addresses remembered at most; a flood from many addresses cannot grow memory without bound.</summary>
    private const int MaxAddresses = 10_000;

    private readonly ConcurrentDictionary<IPAddress, (long Minute, int Failures)> _failures = new();

    /// <summary>Seconds to wait before trying again, or null when the address may try now.</summary>
    public int? LockedFor(IPAddress? address)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return address is not null && _failures.TryGetValue(address, out var seen) && seen.Minute == now / 60 && seen.Failures >= MaxFailures
            ? (int)(60 - now % 60)
            : null;
    }

    public void Failed(IPAddress? address, string path)
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var key = address ?? IPAddress.None;
        if (_failures.Count >= MaxAddresses)
        {
            _failures.Clear();
        }

        var now = _failures.AddOrUpdate(key, (minute, 1), (_, seen) => seen.Minute == minute ? (minute, seen.Failures + 1) : (minute, 1));
        log.LogWarning("Admin API: wrong or missing operator token from {Address} for {Path} ({Failures} this minute)", key, path, now.Failures);
    }
}
