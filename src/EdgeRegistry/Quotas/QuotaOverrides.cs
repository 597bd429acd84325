using EdgeRegistry.Accounts;
using EdgeRegistry.Changes;

namespace EdgeRegistry.Quotas;

/// <summary>
/// Keeps the limits snapshot in step with the overrides in the store: at start-up, as soon as the change feed says
/// they changed, and every <see cref="RefreshPeriod"/> in case a change notice was lost.
/// </summary>
public sealed class QuotaOverrides : BackgroundService
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(10);

    private readonly IAdminStore store;
    private readonly QuotaLimitsSource limits;
    private readonly TimeProvider time;
    private readonly ILogger<QuotaOverrides> log;
    private readonly Lock _publishing = new();
    private long _started;
    private long _published;

    public QuotaOverrides(IAdminStore store, QuotaLimitsSource limits, TimeProvider time, ILogger<QuotaOverrides> log, IChangeFeed changes)
    {
        (this.store, this.limits, this.time, this.log) = (store, limits, time, log);
        changes.Subscribe(async (change, cancellationToken) =>
        {
            if (change is QuotaOverridesChanged or CachesMayBeStale)
            {
                await RefreshAsync(cancellationToken);
            }
        });
    }

    /// <summary>
    /// Loads the overrides and publishes them, unless a refresh that started later has published already: refreshes
    /// overlap (a change notice during the timer's refresh, two admin writes on one replica), and a load that started
    /// first can finish last with what the store held before the change, which would stand until the next tick.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var refresh = Interlocked.Increment(ref _started);
        var overrides = await store.ListQuotaOverridesAsync(null, cancellationToken);
        var byAccount = overrides.GroupBy(o => o.AccountId).Select(account => new KeyValuePair<string, AccountQuotas>(account.Key, new AccountQuotas(
            account.FirstOrDefault(o => o.Action == "*") is { } all ? Limit(all) : null,
            account.Where(o => o.Action != "*").Select(o => new KeyValuePair<string, QuotaLimit>(o.Action, Limit(o))))));
        var snapshot = new QuotaLimits(byAccount);
        lock (_publishing)
        {
            if (refresh > _published)
            {
                _published = refresh;
                limits.Replace(snapshot);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshPeriod, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Refreshing quota overrides failed; the previous limits stay in force");
            }
        }
    }

    private static QuotaLimit Limit(QuotaOverride o) => o.LimitPerSecond is { } n ? QuotaLimit.PerSecond(n) : QuotaLimit.Unlimited;
}
