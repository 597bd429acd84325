using EdgeRegistry.Quotas;
using Microsoft.Extensions.Time.Testing;
using static EdgeRegistry.Tests.Quotas.QuotaCalls;

namespace EdgeRegistry.Tests.Quotas;

public sealed class InMemoryQuotaCounterTests
{
    // A quarter into a second, so that the time to the next window is visibly not a whole second.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, 250, TimeSpan.Zero));

    [Fact]
    public void Exactly_N_of_50_calls_pass_in_one_second_and_N_again_in_the_next()
    {
        var counter = new InMemoryQuotaCounter(_time);

        var first = Enumerable.Range(0, 50).Select(_ => Acquire(counter, "acc", "QueryEdgeDriverVersion", 10)).ToList();
        Assert.All(first.Take(10), d => Assert.True(d.IsAllowed));
        Assert.All(first.Skip(10), d => Assert.False(d.IsAllowed));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, CountAllowed(counter, "acc", "QueryEdgeDriverVersion", 10, 50));
    }

    [Fact]
    public void Windows_are_whole_clock_seconds_not_a_sliding_second()
    {
        _time.Advance(TimeSpan.FromMilliseconds(650)); // 12:00:00.900
        var counter = new InMemoryQuotaCounter(_time);
        Assert.Equal(10, CountAllowed(counter, "acc", "A", 10, 20));

        _time.Advance(TimeSpan.FromMilliseconds(99)); // 12:00:00.999, same window
        Assert.Equal(0, CountAllowed(counter, "acc", "A", 10, 5));

        _time.Advance(TimeSpan.FromMilliseconds(1)); // 12:00:01.000, 100 ms after the first calls
        Assert.Equal(10, CountAllowed(counter, "acc", "A", 10, 20));
    }

    [Fact]
    public void A_throttled_call_is_told_the_time_to_the_next_window_and_1_s_for_the_header()
    {
        var counter = new InMemoryQuotaCounter(_time);
        CountAllowed(counter, "acc", "A", 2, 2);

        var throttled = Acquire(counter, "acc", "A", 2);
        Assert.False(throttled.IsAllowed);
        Assert.Equal(TimeSpan.FromMilliseconds(750), throttled.RetryAfter);
        Assert.Equal(1, throttled.RetryAfterSeconds);

        _time.Advance(TimeSpan.FromMilliseconds(1749)); // 12:00:01.999
        CountAllowed(counter, "acc", "A", 2, 2);
        var late = Acquire(counter, "acc", "A", 2);
        Assert.Equal(TimeSpan.FromMilliseconds(1), late.RetryAfter);
        Assert.Equal(1, late.RetryAfterSeconds);

        Assert.Equal(0, Acquire(counter, "acc", "B", 1).RetryAfterSeconds);
    }

    [Fact]
    public void Throttled_calls_take_nothing_from_the_quota()
    {
        var counter = new InMemoryQuotaCounter(_time);
        Assert.Equal(5, CountAllowed(counter, "acc", "A", 5, 5));
        Assert.Equal(0, CountAllowed(counter, "acc", "A", 5, 100));

        // Had the 100 refused calls counted, a limit raised within the same second would still refuse.
        Assert.Equal(5, CountAllowed(counter, "acc", "A", 10, 100));
    }

    [Fact]
    public void Actions_and_accounts_are_counted_separately()
    {
        var counter = new InMemoryQuotaCounter(_time);
        Assert.Equal(10, CountAllowed(counter, "acc", "QueryEdgeDriverVersion", 10, 30));

        Assert.Equal(10, CountAllowed(counter, "acc", "GetEdgeDriverVersion", 10, 30));
        Assert.Equal(10, CountAllowed(counter, "other", "QueryEdgeDriverVersion", 10, 30));
        Assert.Equal(10, CountAllowed(counter, "ACC", "QueryEdgeDriverVersion", 10, 30));
    }

    [Fact]
    public void A_limit_of_0_refuses_every_call_and_a_negative_one_is_a_bug()
    {
        var counter = new InMemoryQuotaCounter(_time);

        var decision = Acquire(counter, "acc", "A", 0);
        Assert.False(decision.IsAllowed);
        Assert.Equal(TimeSpan.FromMilliseconds(750), decision.RetryAfter);
        Assert.Throws<ArgumentOutOfRangeException>(() => Acquire(counter, "acc", "A", -1));
    }

    [Fact]
    public void Slots_of_past_seconds_are_dropped()
    {
        var counter = new InMemoryQuotaCounter(_time, sweepOnCaller: true);
        for (var i = 0; i < 10_000; i++)
        {
            Acquire(counter, $"account-{i}", "QueryEdgeDriver", 5);
        }

        Assert.Equal(10_000, counter.SlotCount);

        // Kept through the next second, so that a key called every second keeps its slot…
        _time.Advance(TimeSpan.FromSeconds(1));
        Acquire(counter, "busy", "QueryEdgeDriver", 5);
        Assert.Equal(10_001, counter.SlotCount);

        // …and gone in the one after.
        _time.Advance(TimeSpan.FromSeconds(1));
        Acquire(counter, "busy", "QueryEdgeDriver", 5);
        Assert.Equal(1, counter.SlotCount);
    }

    [Fact]
    public async Task The_sweep_runs_off_the_calling_thread_and_still_drops_past_slots()
    {
        var counter = new InMemoryQuotaCounter(_time);
        for (var i = 0; i < 10_000; i++)
        {
            Acquire(counter, $"account-{i}", "QueryEdgeDriver", 5);
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        Acquire(counter, "busy", "QueryEdgeDriver", 5);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (counter.SlotCount > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, counter.SlotCount);
    }

    [Fact]
    public void A_busy_key_allocates_nothing_per_call()
    {
        var counter = new InMemoryQuotaCounter(_time);
        for (var second = 0; second < 3; second++)
        {
            CountAllowed(counter, "acc", "QueryEdgeDriverVersion", 10, 10_000);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // A sweep still running from an earlier second would defer this second's to a later call, inside the measurement.
        Assert.True(SpinWait.SpinUntil(() => !counter.IsSweeping, TimeSpan.FromSeconds(10)));
        Acquire(counter, "acc", "QueryEdgeDriverVersion", 10); // this second's sweep
        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = CountAllowed(counter, "acc", "QueryEdgeDriverVersion", 10, 100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(9, allowed);
        Assert.Equal(0, allocated);

        // Across seconds only the once-a-second sweep allocates (its enumerator), never a call.
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var second = 0; second < 100; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            CountAllowed(counter, "acc", "QueryEdgeDriverVersion", 10, 100);
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, 100 * 128);
    }
}
