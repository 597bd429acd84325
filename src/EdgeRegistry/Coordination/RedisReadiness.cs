using EdgeRegistry.Hosting;

namespace EdgeRegistry.Coordination;

/// <summary>Redis answers a PING: quotas and nonces can be checked, so requests need not fail closed.</summary>
public sealed class RedisReadiness(RedisConnection redis) : IReadinessCheck
{
    public string Name => "Redis";

    public Task CheckAsync(CancellationToken cancellationToken) =>
        redis.RunAsync(0, static (db, _) => db.PingAsync(), cancellationToken);
}
