using System.Globalization;
using EdgeRegistry.Admin;
using EdgeRegistry.Storage;
using StackExchange.Redis;

namespace EdgeRegistry.Coordination;

/// <summary>
/// Wrong operator tokens counted once for all replicas: one Redis key per client address and clock minute,
/// incremented and given its lifetime in one step. While Redis is unreachable each replica counts in its own memory
/// instead: the admin API needs only PostgreSQL (README "Outages") and must not go down with Redis, and ten tries a
/// minute per replica for the length of an outage is still a limit.
/// </summary>
public sealed class RedisAdminFailureCounter(RedisConnection redis, ILogger<RedisAdminFailureCounter> log) : IAdminFailureCounter
{
    private const string AddOne = """
        local failures = redis.call('INCR', KEYS[1])
        if failures == 1 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return failures
        """;

    /// <summary>Two minutes: the key outlives its minute on a replica whose clock is a little behind.</summary>
    private static readonly RedisValue KeyLifetimeMs = 120_000;

    private readonly InProcessAdminFailureCounter _whileRedisIsAway = new();

    public async ValueTask<int> CountAsync(string address, long minute, CancellationToken cancellationToken)
    {
        try
        {
            var count = await redis.RunAsync(KeyFor(address, minute), static (db, key) => db.StringGetAsync(key), cancellationToken);
            return Math.Max(count.HasValue ? (int)count : 0, await _whileRedisIsAway.CountAsync(address, minute, cancellationToken));
        }
        catch (StoreUnavailableException e)
        {
            log.LogWarning(e, "Counting wrong operator tokens in this replica only while Redis is unavailable");
            return await _whileRedisIsAway.CountAsync(address, minute, cancellationToken);
        }
    }

    public async ValueTask<int> AddAsync(string address, long minute, CancellationToken cancellationToken)
    {
        try
        {
            return (int)await redis.RunAsync(KeyFor(address, minute), static (db, key) =>
                db.ScriptEvaluateAsync(AddOne, [key], [KeyLifetimeMs]), cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            log.LogWarning(e, "Counting wrong operator tokens in this replica only while Redis is unavailable");
            return await _whileRedisIsAway.AddAsync(address, minute, cancellationToken);
        }
    }

    internal RedisKey KeyFor(string address, long minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{redis.KeyPrefix}admin-failures:{address}:{minute}");
}
