using EdgeRegistry.Quotas;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Quotas;

public sealed class QuotaGateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, 400, TimeSpan.Zero));
    private readonly CountingCounter _counter;
    private readonly QuotaLimitsSource _limits = new();

    public QuotaGateTests() => _counter = new(new InMemoryQuotaCounter(_time));

    [Fact]
    public async Task The_reference_limits_apply_per_account_and_action_and_come_back_the_next_second()
    {
        var gate = new QuotaGate(_counter, _limits, enabled: true);

        Assert.Equal(5, await CountAllowedAsync(gate, "acc", "QueryEdgeDriver", 50));
        Assert.Equal(10, await CountAllowedAsync(gate, "acc", "GetEdgeDriverVersion", 50));
        Assert.Equal(5, await CountAllowedAsync(gate, "other", "QueryEdgeDriver", 50));
        Assert.Equal(10, await CountAllowedAsync(gate, "acc", "SomeUnlistedAction", 50));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, await CountAllowedAsync(gate, "acc", "QueryEdgeDriver", 50));
    }

    [Fact]
    public async Task A_throttled_call_carries_the_retry_after()
    {
        var gate = new QuotaGate(_counter, _limits, enabled: true);
        await CountAllowedAsync(gate, "acc", "QueryEdgeDriver", 5);

        var decision = await gate.CheckAsync("acc", "QueryEdgeDriver", default);

        Assert.False(decision.IsAllowed);
        Assert.Equal(TimeSpan.FromMilliseconds(600), decision.RetryAfter);
        Assert.Equal(1, decision.RetryAfterSeconds);
    }

    [Fact]
    public async Task Overrides_lower_and_raise_limits()
    {
        _limits.Replace(new QuotaLimits(new Dictionary<string, AccountQuotas>
        {
            ["low"] = new(actions: [new("GetEdgeDriverVersion", QuotaLimit.PerSecond(3))]),
            ["high"] = new(QuotaLimit.PerSecond(40)),
        }));
        var gate = new QuotaGate(_counter, _limits, enabled: true);

        Assert.Equal(3, await CountAllowedAsync(gate, "low", "GetEdgeDriverVersion", 50));
        Assert.Equal(5, await CountAllowedAsync(gate, "low", "QueryEdgeDriver", 50));
        Assert.Equal(40, await CountAllowedAsync(gate, "high", "GetEdgeDriverVersion", 50));
        Assert.Equal(10, await CountAllowedAsync(gate, "default", "GetEdgeDriverVersion", 50));
    }

    [Fact]
    public async Task An_unlimited_account_is_never_counted()
    {
        _limits.Replace(QuotaLimits.Default.WithAccount("bench", AccountQuotas.Unlimited));
        var gate = new QuotaGate(_counter, _limits, enabled: true);

        Assert.Equal(1_000, await CountAllowedAsync(gate, "bench", "QueryEdgeDriver", 1_000));
        Assert.Equal(1_000, await CountAllowedAsync(gate, "bench", "CreateEdgeDriver", 1_000));
        Assert.Equal(0, _counter.Calls);
        Assert.Equal(5, await CountAllowedAsync(gate, "acc", "QueryEdgeDriver", 50));
    }

    [Fact]
    public async Task An_action_made_unlimited_for_an_account_leaves_its_other_actions_limited()
    {
        _limits.Replace(QuotaLimits.Default.WithAccount("acc", new(actions: [new("QueryEdgeDriver", QuotaLimit.Unlimited)])));
        var gate = new QuotaGate(_counter, _limits, enabled: true);

        Assert.Equal(500, await CountAllowedAsync(gate, "acc", "QueryEdgeDriver", 500));
        Assert.Equal(5, await CountAllowedAsync(gate, "acc", "BatchGetEdgeDriver", 50));
        Assert.Equal(5, await CountAllowedAsync(gate, "other", "QueryEdgeDriver", 50));
    }

    [Fact]
    public async Task A_new_snapshot_applies_from_the_next_call()
    {
        var gate = new QuotaGate(_counter, _limits, enabled: true);
        Assert.Equal(5, await CountAllowedAsync(gate, "acc", "QueryEdgeDriver", 50));

        _limits.Update(l => l.WithAccount("acc", AccountQuotas.Unlimited));
        Assert.Equal(50, await CountAllowedAsync(gate, "acc", "QueryEdgeDriver", 50));

        _limits.Update(l => l.WithAccount("acc", null));
        Assert.Equal(0, await CountAllowedAsync(gate, "acc", "QueryEdgeDriver", 50));
    }

    [Fact]
    public async Task With_quotas_off_nothing_is_counted_or_refused()
    {
        _limits.Replace(QuotaLimits.Default.WithAccount("acc", new(QuotaLimit.PerSecond(0))));
        var gate = new QuotaGate(_counter, _limits, enabled: false);

        Assert.Equal(1_000, await CountAllowedAsync(gate, "acc", "QueryEdgeDriver", 1_000));
        Assert.Equal(0, _counter.Calls);
        Assert.False(gate.Enabled);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("on", true)]
    [InlineData("true", true)]
    [InlineData("off", false)]
    [InlineData("OFF", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void The_switch_is_on_unless_turned_off(string? value, bool enabled) =>
        Assert.Equal(enabled, QuotaSwitch.IsEnabled(value));

    [Fact]
    public void A_switch_value_that_is_neither_fails_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => QuotaSwitch.IsEnabled("sometimes"));

        Assert.Contains("Quotas \"sometimes\"", error.Message, StringComparison.Ordinal);
    }

    private static async Task<int> CountAllowedAsync(QuotaGate gate, string account, string action, int calls)
    {
        var allowed = 0;
        for (var i = 0; i < calls; i++)
        {
            if ((await gate.CheckAsync(account, action, default)).IsAllowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    private sealed class CountingCounter(IQuotaCounter inner) : IQuotaCounter
    {
        public int Calls { get; private set; }

        public ValueTask<QuotaDecision> TryAcquireAsync(string accountId, string action, int limitPerSecond, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.TryAcquireAsync(accountId, action, limitPerSecond, cancellationToken);
        }
    }
}
