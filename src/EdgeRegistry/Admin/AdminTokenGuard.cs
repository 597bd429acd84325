using System.Net;

namespace EdgeRegistry.Admin;

/// <summary>
/// Limits guessing the operator token: each client address may fail <see cref="MaxFailures"/> times per clock minute
/// (counted across replicas in scale-out mode, <see cref="IAdminFailureCounter"/>); beyond that every attempt from
/// it, right token or not, answers 429 until the minute ends (a guesser must not learn which attempt was right).
/// Each failure is logged with the address.
/// </summary>
public sealed class AdminTokenGuard(IAdminFailureCounter failures, TimeProvider time, ILogger<AdminTokenGuard> log)
{
    public const int MaxFailures = 10;

    /// <summary>Seconds to wait before trying again, or null when the address may try now.</summary>
    public async ValueTask<int?> LockedForAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        if (address is null)
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return await failures.CountAsync(address.ToString(), now / 60, cancellationToken) >= MaxFailures ? (int)(60 - now % 60) : null;
    }

    public async ValueTask FailedAsync(IPAddress? address, string path, CancellationToken cancellationToken)
    {
        var key = address ?? IPAddress.None;
        var count = await failures.AddAsync(key.ToString(), time.GetUtcNow().ToUnixTimeSeconds() / 60, cancellationToken);
        log.LogWarning("Admin API: wrong or missing operator token from {Address} for {Path} ({Failures} this minute)", key, path, count);
    }
}
