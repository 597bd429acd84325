using EdgeRegistry.Accounts;
using EdgeRegistry.Changes;
using EdgeRegistry.Quotas;
using EdgeRegistry.Tests.Storage.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRegistry.Tests.Quotas;

/// <summary>Refreshes of the quota overrides overlap (a change notice during the timer's refresh, two admin writes); the newest must win.</summary>
public sealed class QuotaOverridesRefreshTests : IAsyncLifetime
{
    private const string Account = "1000000000000001";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly SqliteStoreEngine _engine = new();

    public async Task InitializeAsync()
    {
        await _engine.StartAsync();
        await _engine.Accounts.CreateAccountAsync(Account, "a", isDefault: true, None);
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task An_older_refresh_that_finishes_last_does_not_put_back_the_limits_it_read()
    {
        var (store, loads) = HeldQuotaLoads.Over(_engine.Admin);
        var limits = new QuotaLimitsSource();
        var overrides = new QuotaOverrides(store, limits, _engine.Time, NullLogger<QuotaOverrides>.Instance, new InProcessChangeFeed(NullLogger<InProcessChangeFeed>.Instance));
        await _engine.Admin.SetQuotaOverrideAsync(new QuotaOverride(Account, "QueryEdgeDriver", 2), None);

        loads.HoldNextLoad();
        var older = overrides.RefreshAsync(None);
        await loads.HeldLoadHasRead.WaitAsync(TimeSpan.FromSeconds(30));
        await _engine.Admin.SetQuotaOverrideAsync(new QuotaOverride(Account, "QueryEdgeDriver", 50), None);
        await overrides.RefreshAsync(None);
        Assert.Equal(QuotaLimit.PerSecond(50), limits.Current.For(Account, "QueryEdgeDriver"));

        loads.Release();
        await older.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(QuotaLimit.PerSecond(50), limits.Current.For(Account, "QueryEdgeDriver"));
    }

    [Fact]
    public async Task Refreshes_one_after_the_other_each_publish_what_they_read()
    {
        var limits = new QuotaLimitsSource();
        var overrides = new QuotaOverrides(_engine.Admin, limits, _engine.Time, NullLogger<QuotaOverrides>.Instance, new InProcessChangeFeed(NullLogger<InProcessChangeFeed>.Instance));

        await _engine.Admin.SetQuotaOverrideAsync(new QuotaOverride(Account, "QueryEdgeDriver", 2), None);
        await overrides.RefreshAsync(None);
        Assert.Equal(QuotaLimit.PerSecond(2), limits.Current.For(Account, "QueryEdgeDriver"));

        await _engine.Admin.RemoveQuotaOverrideAsync(Account, "QueryEdgeDriver", None);
        await overrides.RefreshAsync(None);
        Assert.Equal(QuotaLimit.PerSecond(5), limits.Current.For(Account, "QueryEdgeDriver"));
    }
}
