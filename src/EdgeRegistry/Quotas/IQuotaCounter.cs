namespace EdgeRegistry.Quotas;

/// <summary>
/// Counts calls per account and action in fixed one-second windows aligned to the clock's whole seconds (UTC),
/// the shape a Redis <c>INCR</c> + <c>EXPIRE</c> on a key such as <c>quota:{account}:{action}:{unixSecond}</c>
/// gives cheaply, and the one that keeps a single quota across replicas.
/// </summary>
public interface IQuotaCounter
{
    /// <summary>
    /// Takes one call out of the current window if fewer than <paramref name="limitPerSecond"/> were taken; a
    /// throttled call takes nothing, so it does not push later calls over the limit.
    /// </summary>
    ValueTask<QuotaDecision> TryAcquireAsync(string accountId, string action, int limitPerSecond, CancellationToken cancellationToken);
}

/// <summary>Allowed, or throttled until the next window starts.</summary>
public readonly record struct QuotaDecision
{
    private QuotaDecision(bool isAllowed, TimeSpan retryAfter)
    {
        IsAllowed = isAllowed;
        RetryAfter = retryAfter;
    }

    public static QuotaDecision Allowed { get; } = new(true, TimeSpan.Zero);

    public bool IsAllowed { get; }

    /// <summary>When throttled: the exact time until the next window starts, more than 0 and at most 1 s.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>
    /// For the <c>Retry-After</c> header, which carries whole seconds: <see cref="RetryAfter"/> rounded up, at
    /// least 1 — so always 1 with one-second windows. Rounding down would send 0, an invitation to retry at once.
    /// </summary>
    public int RetryAfterSeconds => IsAllowed ? 0 : Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    public static QuotaDecision Throttled(TimeSpan retryAfter) =>
        retryAfter > TimeSpan.Zero ? new(false, retryAfter) : throw new ArgumentOutOfRangeException(nameof(retryAfter), retryAfter, "A throttled call is retried later, not now.");
}
