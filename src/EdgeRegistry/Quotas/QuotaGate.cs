namespace EdgeRegistry.Quotas;

/// <summary>
/// The quota step of the RPC pipeline: looks up the account's limit for the action in the current snapshot and
/// counts the call. A throttled call is answered with <c>Throttling.User</c> (HTTP 400) and a <c>Retry-After</c>
/// of <see cref="QuotaDecision.RetryAfterSeconds"/>. Unlimited accounts and a server with quotas off never reach
/// the counter.
/// </summary>
public sealed class QuotaGate(IQuotaCounter counter, QuotaLimitsSource limits, bool enabled)
{
    public bool Enabled => enabled;

    public ValueTask<QuotaDecision> CheckAsync(string accountId, string action, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return ValueTask.FromResult(QuotaDecision.Allowed);
        }

        var limit = limits.Current.For(accountId, action);
        return limit.IsUnlimited
            ? ValueTask.FromResult(QuotaDecision.Allowed)
            : counter.TryAcquireAsync(accountId, action, limit.CallsPerSecond, cancellationToken);
    }
}
