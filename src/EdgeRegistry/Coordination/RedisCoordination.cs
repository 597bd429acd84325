using EdgeRegistry.Auth;
using EdgeRegistry.Changes;
using EdgeRegistry.Hosting;
using EdgeRegistry.Quotas;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeRegistry.Coordination;

/// <summary>What turns N replicas into one system: shared quota counts, change notices, nonces and wrong admin tokens, all in Redis.</summary>
public static class RedisCoordination
{
    /// <summary>
    /// Replaces the in-process quota counter, change feed, nonce store and admin failure counter with the Redis ones. Call it after the
    /// defaults are registered, as it removes them.
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>.</param>
    public static IServiceCollection AddRedisCoordination(this IServiceCollection services, string configuration, string keyPrefix = "edgereg:")
    {
        // From a factory, so that the container disposes it (closing the connection) when the host stops.
        services.AddSingleton(s => new RedisConnection(configuration, keyPrefix) { Metrics = s.GetService<Observability.RegistryMetrics>() });
        services.RemoveAll<IQuotaCounter>();
        services.AddSingleton<IQuotaCounter, RedisQuotaCounter>();
        services.RemoveAll<INonceStore>();
        services.AddSingleton<INonceStore, RedisNonceStore>();
        services.RemoveAll<Admin.IAdminFailureCounter>();
        services.AddSingleton<Admin.IAdminFailureCounter, RedisAdminFailureCounter>();
        services.RemoveAll<IChangeFeed>();
        services.AddSingleton<RedisChangeFeed>();
        services.AddSingleton<IChangeFeed>(s => s.GetRequiredService<RedisChangeFeed>());
        services.AddHostedService(s => s.GetRequiredService<RedisChangeFeed>());
        services.AddSingleton<IReadinessCheck, RedisReadiness>();
        return services;
    }
}
