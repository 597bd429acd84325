using EdgeRegistry.Quotas;
using EdgeRegistry.Rpc;

namespace EdgeRegistry.Tests.Quotas;

public sealed class QuotaLimitsTests
{
    [Fact]
    public void The_reference_limits_are_those_of_api_md_section_6_for_every_implemented_operation()
    {
        Assert.Equal(ActionTable.Operations.Select(t => t.Name).Order(), QuotaLimits.Reference.Keys.Order());
        string[] fivePerSecond = ["QueryEdgeDriver", "BatchGetEdgeDriver", "DeleteEdgeDriver", "CreateEdgeOssPreSignedAddress"];
        foreach (var (action, calls) in QuotaLimits.Reference)
        {
            Assert.Equal(fivePerSecond.Contains(action) ? 5 : 10, calls);
            Assert.Equal(QuotaLimit.PerSecond(calls), QuotaLimits.Default.For("any", action));
        }
    }

    [Fact]
    public void An_action_section_6_does_not_list_gets_10_per_second()
    {
        Assert.Equal(QuotaLimit.PerSecond(10), QuotaLimits.Default.For("any", "BindDriverToEdgeInstance"));
        Assert.Equal(QuotaLimit.PerSecond(QuotaLimits.UnlistedActionLimit), QuotaLimits.ReferenceFor("Whatever"));
    }

    [Fact]
    public void An_account_override_lowers_or_raises_one_action_and_leaves_the_rest_and_other_accounts_alone()
    {
        var limits = new QuotaLimits(new Dictionary<string, AccountQuotas>
        {
            ["low"] = new(actions: [new("QueryEdgeDriverVersion", QuotaLimit.PerSecond(2))]),
            ["high"] = new(actions: [new("QueryEdgeDriver", QuotaLimit.PerSecond(500))]),
        });

        Assert.Equal(QuotaLimit.PerSecond(2), limits.For("low", "QueryEdgeDriverVersion"));
        Assert.Equal(QuotaLimit.PerSecond(5), limits.For("low", "QueryEdgeDriver"));
        Assert.Equal(QuotaLimit.PerSecond(500), limits.For("high", "QueryEdgeDriver"));
        Assert.Equal(QuotaLimit.PerSecond(10), limits.For("high", "QueryEdgeDriverVersion"));
        Assert.Equal(QuotaLimit.PerSecond(10), limits.For("someone-else", "QueryEdgeDriverVersion"));
    }

    [Fact]
    public void The_most_specific_override_wins()
    {
        var limits = new QuotaLimits(new Dictionary<string, AccountQuotas>
        {
            ["bench"] = AccountQuotas.Unlimited,
            ["mostly-unlimited"] = new(QuotaLimit.Unlimited, [new("DeleteEdgeDriver", QuotaLimit.PerSecond(1))]),
            ["one-unlimited"] = new(actions: [new("QueryEdgeDriver", QuotaLimit.Unlimited)]),
            ["all-20"] = new(QuotaLimit.PerSecond(20)),
        });

        Assert.True(limits.For("bench", "QueryEdgeDriver").IsUnlimited);
        Assert.True(limits.For("bench", "NotListedAnywhere").IsUnlimited);
        Assert.True(limits.For("mostly-unlimited", "QueryEdgeDriver").IsUnlimited);
        Assert.Equal(QuotaLimit.PerSecond(1), limits.For("mostly-unlimited", "DeleteEdgeDriver"));
        Assert.True(limits.For("one-unlimited", "QueryEdgeDriver").IsUnlimited);
        Assert.Equal(QuotaLimit.PerSecond(5), limits.For("one-unlimited", "BatchGetEdgeDriver"));
        Assert.Equal(QuotaLimit.PerSecond(20), limits.For("all-20", "BatchGetEdgeDriver"));
    }

    [Fact]
    public void A_snapshot_never_changes_after_it_is_built()
    {
        var actions = new Dictionary<string, QuotaLimit> { ["QueryEdgeDriver"] = QuotaLimit.PerSecond(1) };
        var overrides = new Dictionary<string, AccountQuotas> { ["acc"] = new(actions: actions) };
        var limits = new QuotaLimits(overrides);

        actions["QueryEdgeDriver"] = QuotaLimit.PerSecond(99);
        overrides.Remove("acc");
        var changed = limits.WithAccount("acc", AccountQuotas.Unlimited).WithAccount("new", new(QuotaLimit.PerSecond(3)));
        var removed = changed.WithAccount("acc", null);

        Assert.Equal(QuotaLimit.PerSecond(1), limits.For("acc", "QueryEdgeDriver"));
        Assert.Equal(QuotaLimit.PerSecond(10), limits.For("new", "GetEdgeDriverVersion"));
        Assert.True(changed.For("acc", "QueryEdgeDriver").IsUnlimited);
        Assert.Equal(QuotaLimit.PerSecond(3), changed.For("new", "GetEdgeDriverVersion"));
        Assert.Equal(QuotaLimit.PerSecond(5), removed.For("acc", "QueryEdgeDriver"));
        Assert.Equal(["new"], removed.Overrides.Keys);
    }

    [Fact]
    public void Concurrent_updates_of_the_source_are_all_kept()
    {
        var source = new QuotaLimitsSource();

        Parallel.For(0, 200, i => source.Update(l => l.WithAccount($"acc-{i}", new(QuotaLimit.PerSecond(i)))));

        Assert.Equal(200, source.Current.Overrides.Count);
        Assert.Equal(QuotaLimit.PerSecond(123), source.Current.For("acc-123", "QueryEdgeDriver"));
    }

    [Theory]
    [InlineData("unlimited", -1)]
    [InlineData("Unlimited", -1)]
    [InlineData("0", 0)]
    [InlineData("25", 25)]
    public void A_limit_reads_back_what_it_writes(string text, int calls)
    {
        Assert.True(QuotaLimit.TryParse(text, out var limit));

        Assert.Equal(calls < 0 ? QuotaLimit.Unlimited : QuotaLimit.PerSecond(calls), limit);
        Assert.True(QuotaLimit.TryParse(limit.ToString(), out var again));
        Assert.Equal(limit, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("lots")]
    public void A_limit_that_is_neither_a_count_nor_unlimited_is_refused(string? text)
    {
        Assert.False(QuotaLimit.TryParse(text, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuotaLimit.PerSecond(-1));
    }
}
