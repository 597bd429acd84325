using EdgeRegistry.Quotas;

namespace EdgeRegistry.Tests.Quotas;

/// <summary>Calls into an <see cref="InMemoryQuotaCounter"/>, which always answers synchronously.</summary>
public static class QuotaCalls
{
    public static int CountAllowed(InMemoryQuotaCounter counter, string account, string action, int limit, int calls)
    {
        var allowed = 0;
        for (var i = 0; i < calls; i++)
        {
            if (Acquire(counter, account, action, limit).IsAllowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    public static QuotaDecision Acquire(InMemoryQuotaCounter counter, string account, string action, int limit)
    {
        var pending = counter.TryAcquireAsync(account, action, limit, CancellationToken.None);
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
    }
}
