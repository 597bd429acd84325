using EdgeRegistry.Quotas;
using EdgeRegistry.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static EdgeRegistry.Tests.Quotas.QuotaCalls;

namespace EdgeRegistry.Tests.Quotas;

/// <summary>
/// The counter under threads racing in one frozen second, and while the clock moves and sweeps run. The workers
/// are <see cref="Workers"/>: an assert failing on one of them fails the test, not the test host.
/// </summary>
public sealed class InMemoryQuotaCounterRaceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, 250, TimeSpan.Zero));

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
        long calls = 0;

        Workers.Run(8, _ =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                Interlocked.Increment(ref calls);
                var before = _time.GetUtcNow();
                var allowed = Acquire(counter, "acc", "A", 1).IsAllowed;
                // Only a call that saw one window on both sides of it surely counted in that window.
                if (allowed && _time.GetUtcNow() == before)
                {
                    Interlocked.Increment(ref allowedPerStep[(int)((before - origin).TotalSeconds / 2)]);
                }
            }
        }, whileRunning: () =>
        {
            try
            {
                // Each step leaves the slot two seconds stale, so its first call sweeps the slot while others count in it.
                // A step lasts until the workers made a few calls in it (not a fixed spin): on a loaded machine the
                // workers may not run at all during a fixed spin, and the test would then prove nothing.
                for (var step = 0; step < Steps; step++)
                {
                    var target = Interlocked.Read(ref calls) + 24;
                    var waited = System.Diagnostics.Stopwatch.StartNew();
                    while (Interlocked.Read(ref calls) < target && waited.ElapsedMilliseconds < 1_000)
                    {
                        Thread.Yield();
                    }

                    _time.Advance(TimeSpan.FromSeconds(2));
                }
            }
            finally
            {
                Volatile.Write(ref done, 1);
            }
        });

        Assert.All(allowedPerStep, count => Assert.InRange(count, 0, 1));
        Assert.True(allowedPerStep.Count(c => c == 1) > Steps / 20, "too few calls attributed to a window to prove anything");
    }

    private static int Race(InMemoryQuotaCounter counter, int threads, int callsPerThread, int limit)
    {
        var allowed = 0;
        Workers.Run(threads, _ => Interlocked.Add(ref allowed, CountAllowed(counter, "acc", "QueryEdgeDriverVersion", limit, callsPerThread)));
        return allowed;
    }
}
