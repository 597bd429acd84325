using System.Collections.Concurrent;

namespace EdgeRegistry.Quotas;

/// <summary>
/// One process's quota counts. Each account and action has a slot holding its window (the Unix second, as a
/// uint) and its count in one 64-bit word changed by compare-and-swap: exactly N calls pass per window however
/// many threads race, without a lock. A busy key reuses its slot from window to window and allocates nothing.
/// The first call of each second starts a sweep of the slots not used in that or the previous second, so memory
/// follows the keys in use rather than every key ever seen. The sweep runs on the thread pool: at 100,000 slots
/// it takes some 10–30 ms, which no request should wait for.
/// </summary>
public sealed class InMemoryQuotaCounter : IQuotaCounter
{
    // What the sweep leaves in a slot it removes; a caller holding that slot fetches or adds the key's new one.
    // Never a live state: its count would be uint.MaxValue, above any limit.
    private const long Dead = -1;

    private readonly ConcurrentDictionary<QuotaKey, Slot> _slots = new();
    private readonly TimeProvider _time;
    private readonly bool _sweepOnCaller;
    private long _nextSweepSecond;
    private int _sweeping;

    public InMemoryQuotaCounter(TimeProvider time)
        : this(time, sweepOnCaller: false)
    {
    }

    /// <summary>With <paramref name="sweepOnCaller"/>, the call that starts a sweep runs it: for tests that count slots.</summary>
    internal InMemoryQuotaCounter(TimeProvider time, bool sweepOnCaller)
    {
        _time = time;
        _sweepOnCaller = sweepOnCaller;
    }

    /// <summary>Slots held, for the test that memory does not grow with keys of past seconds.</summary>
    internal int SlotCount => _slots.Count;

    /// <summary>True while a sweep runs (tests wait for it, so the sweep they trigger is the one they measure).</summary>
    internal bool IsSweeping => Volatile.Read(ref _sweeping) == 1;

    public ValueTask<QuotaDecision> TryAcquireAsync(string accountId, string action, int limitPerSecond, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitPerSecond);
        var unixTicks = UnixTicks();
        var second = unixTicks / TimeSpan.TicksPerSecond;
        SweepIfDue(second);

        var decision = limitPerSecond == 0
            ? Throttled(second, unixTicks)
            : Acquire(new QuotaKey(accountId, action), (uint)limitPerSecond, second, unixTicks);
        return ValueTask.FromResult(decision);
    }

    private QuotaDecision Acquire(QuotaKey key, uint limit, long second, long unixTicks)
    {
        var window = (uint)second;
        while (true)
        {
            var slot = _slots.GetOrAdd(key, static (_, w) => new Slot(Pack(w - 1, 0)), window);
            var state = Volatile.Read(ref slot.State);
            while (state != Dead)
            {
                var (slotWindow, count) = Unpack(state);
                var ahead = (int)(slotWindow - window);
                long next;
                if (ahead < 0)
                {
                    next = Pack(window, 1);
                }
                else if (count < limit)
                {
                    // ahead > 0 when a caller that read the clock a moment later already opened the next window:
                    // this call counts there, rather than reopening the old window and resetting the count.
                    next = Pack(slotWindow, count + 1);
                }
                else
                {
                    return Throttled(second + ahead, unixTicks);
                }

                var seen = Interlocked.CompareExchange(ref slot.State, next, state);
                if (seen == state)
                {
                    return QuotaDecision.Allowed;
                }

                state = seen;
            }

            _slots.TryRemove(KeyValuePair.Create(key, slot));
        }
    }

    private void SweepIfDue(long second)
    {
        if (second < Volatile.Read(ref _nextSweepSecond) || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            // Not due, or a sweep is still running: a later call sweeps. (Marking the second as swept before taking
            // the flag lost the sweep whenever the previous one had not finished.)
            return;
        }

        if (second < Volatile.Read(ref _nextSweepSecond))
        {
            Volatile.Write(ref _sweeping, 0);
            return;
        }

        Volatile.Write(ref _nextSweepSecond, second + 1);

        if (_sweepOnCaller)
        {
            Sweep();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static counter => counter.Sweep(), this, preferLocal: false);
        }
    }

    private void Sweep()
    {
        try
        {
            var window = (uint)(UnixTicks() / TimeSpan.TicksPerSecond);
            foreach (var (key, slot) in _slots)
            {
                var state = Volatile.Read(ref slot.State);
                // The compare-and-swap to Dead fails if a caller counted in the slot meanwhile; then it stays.
                if (state == Dead
                    || ((int)(window - Unpack(state).Window) > 1 && Interlocked.CompareExchange(ref slot.State, Dead, state) == state))
                {
                    _slots.TryRemove(KeyValuePair.Create(key, slot));
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private long UnixTicks() => _time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks;

    private static QuotaDecision Throttled(long windowSecond, long unixTicks) =>
        QuotaDecision.Throttled(TimeSpan.FromTicks(((windowSecond + 1) * TimeSpan.TicksPerSecond) - unixTicks));

    private static long Pack(uint window, uint count) => (long)(((ulong)window << 32) | count);

    private static (uint Window, uint Count) Unpack(long state) => ((uint)((ulong)state >> 32), (uint)state);

    private readonly record struct QuotaKey(string AccountId, string Action);

    private sealed class Slot(long state)
    {
        public long State = state;
    }
}
