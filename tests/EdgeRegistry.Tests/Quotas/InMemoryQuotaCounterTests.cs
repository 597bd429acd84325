using EdgeRegistry.Quotas;
using Microsoft.Extensions.Time.Testing;

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
    public void Exactly_N_pass_when_16_threads_race_in_one_second()
    {
        var counter = new InMemoryQuotaCounter(_time);

        Assert.Equal(10, Race(counter, threads: 16, callsPerThread: 20_000, limit: 10));
    }

    [Fact]
    public void Exactly_N_pass_per_second_while_the_sweep_removes_slots_under_the_racing_threads()
    {
        var counter = new InMemoryQuotaCounter(_time);
        for (var second = 0; second < 20; second++)
        {
            // Slots of the previous phase are stale now, so the first call of this phase sweeps them while others count.
            for (var i = 0; i < 2_000; i++)
            {
                Acquire(counter, $"filler-{i}", "A", 1);
            }

            _time.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(7, Race(counter, threads: 16, callsPerThread: 2_000, limit: 7));
        }
    }

    [Fact]
    public void Never_more_than_N_per_second_while_the_clock_moves_and_sweeps_race_the_callers()
    {
        var counter = new InMemoryQuotaCounter(_time);
        const int Steps = 3_000;
        var origin = _time.GetUtcNow();
        var allowedPerStep = new int[Steps + 1];
        var done = 0;
        var callers = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                var before = _time.GetUtcNow();
                var allowed = Acquire(counter, "acc", "A", 1).IsAllowed;
                // Only a call that saw one window on both sides of it surely counted in that window.
                if (allowed && _time.GetUtcNow() == before)
                {
                    Interlocked.Increment(ref allowedPerStep[(int)((before - origin).TotalSeconds / 2)]);
                }
            }
        })).ToList();
        callers.ForEach(t => t.Start());

        // Each step leaves the slot two seconds stale, so its first call sweeps the slot while others count in it.
        for (var step = 0; step < Steps; step++)
        {
            Thread.SpinWait(2_000);
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        Volatile.Write(ref done, 1);
        callers.ForEach(t => t.Join());
        Assert.All(allowedPerStep, count => Assert.InRange(count, 0, 1));
        Assert.True(allowedPerStep.Count(c => c == 1) > Steps / 20, "too few calls attributed to a window to prove anything");
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

    private static int Race(InMemoryQuotaCounter counter, int threads, int callsPerThread, int limit)
    {
        var allowed = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            var mine = CountAllowed(counter, "acc", "QueryEdgeDriverVersion", limit, callsPerThread);
            Interlocked.Add(ref allowed, mine);
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return allowed;
    }

    private static int CountAllowed(InMemoryQuotaCounter counter, string account, string action, int limit, int calls)
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

    // The in-memory counter always completes synchronously.
    private static QuotaDecision Acquire(InMemoryQuotaCounter counter, string account, string action, int limit)
    {
        var pending = counter.TryAcquireAsync(account, action, limit, CancellationToken.None);
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
    }
}
