using System.Globalization;
using EdgeRegistry.Quotas;
using StackExchange.Redis;

namespace EdgeRegistry.Coordination;

/// <summary>
/// The quota counter every replica shares: one Redis key per account, action and clock second, taken by a Lua
/// script that checks and increments in one step, so that calls racing through any number of replicas let exactly
/// the limit through and a throttled call takes nothing. The window is the replica's own clock second; replicas
/// whose clocks differ by a few milliseconds count a call near the boundary in neighbouring windows.
/// When Redis is unreachable it throws <see cref="Storage.StoreUnavailableException"/>: failing open would lift
/// every quota at once.
/// </summary>
public sealed class RedisQuotaCounter(RedisConnection redis, TimeProvider time) : IQuotaCounter
{
    // Check, then count: a denied call must not increment, or throttled retries would lock the window for good
    // callers. The key lives two seconds, long enough for a replica whose clock is a little behind.
    private const string TakeOne = """
        local taken = tonumber(redis.call('GET', KEYS[1]) or '0')
        if taken >= tonumber(ARGV[1]) then
          return 0
        end
        if redis.call('INCR', KEYS[1]) == 1 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 1
        """;

    private static readonly RedisValue WindowLifetimeMs = 2000;

    public async ValueTask<QuotaDecision> TryAcquireAsync(string accountId, string action, int limitPerSecond, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitPerSecond);
        var unixTicks = time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks;
        var second = unixTicks / TimeSpan.TicksPerSecond;
        if (limitPerSecond > 0)
        {
            var key = KeyFor(accountId, action, second);
            var taken = await redis.RunAsync((Key: key, Limit: (RedisValue)limitPerSecond), static (db, call) =>
                db.ScriptEvaluateAsync(TakeOne, [call.Key], [call.Limit, WindowLifetimeMs]), cancellationToken);
            if ((int)taken == 1)
            {
                return QuotaDecision.Allowed;
            }
        }

        return QuotaDecision.Throttled(TimeSpan.FromTicks((second + 1) * TimeSpan.TicksPerSecond - unixTicks));
    }

    /// <summary>The key of one account's count of one action in one clock second.</summary>
    internal RedisKey KeyFor(string accountId, string action, long unixSecond) =>
        string.Create(CultureInfo.InvariantCulture, $"{redis.KeyPrefix}quota:{accountId}:{action}:{unixSecond}");
}
