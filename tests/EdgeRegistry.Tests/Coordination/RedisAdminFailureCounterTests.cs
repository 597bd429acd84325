using EdgeRegistry.Coordination;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>
/// Wrong operator tokens counted in the test Redis: two counters on two connections stand for two replicas behind one
/// load balancer, which must see one count per address and minute; with Redis unreachable each counts for itself.
/// </summary>
public sealed class RedisAdminFailureCounterTests : IAsyncLifetime
{
    private readonly string _prefix = TestRedis.NewPrefix();
    private RedisConnection _replicaA = null!;
    private RedisConnection _replicaB = null!;

    public Task InitializeAsync()
    {
        _replicaA = TestRedis.Connect(_prefix);
        _replicaB = TestRedis.Connect(_prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _replicaA.DisposeAsync();
        await _replicaB.DisposeAsync();
    }

    private static RedisAdminFailureCounter Counter(RedisConnection redis) => new(redis, NullLogger<RedisAdminFailureCounter>.Instance);

    [Fact]
    public async Task Failures_through_either_replica_add_up_per_address_and_minute()
    {
        var a = Counter(_replicaA);
        var b = Counter(_replicaB);
        var added = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? a : b).AddAsync("192.0.2.7", 29_000_000, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 10), added.Order());
        Assert.Equal(10, await a.CountAsync("192.0.2.7", 29_000_000, CancellationToken.None));
        Assert.Equal(10, await b.CountAsync("192.0.2.7", 29_000_000, CancellationToken.None));
        Assert.Equal(0, await b.CountAsync("192.0.2.7", 29_000_001, CancellationToken.None));
        Assert.Equal(0, await b.CountAsync("192.0.2.8", 29_000_000, CancellationToken.None));
    }

    [Fact]
    public async Task A_count_outlives_its_minute_by_at_most_two_minutes()
    {
        var counter = Counter(_replicaA);
        await counter.AddAsync("192.0.2.7", 29_000_000, CancellationToken.None);

        var multiplexer = await _replicaA.MultiplexerAsync(CancellationToken.None);
        var lifetime = await multiplexer.GetDatabase().KeyTimeToLiveAsync(counter.KeyFor("192.0.2.7", 29_000_000));
        Assert.NotNull(lifetime);
        Assert.InRange(lifetime.Value, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task With_Redis_unreachable_the_replica_counts_alone_instead_of_failing()
    {
        await using var nowhere = TestRedis.Connect(_prefix, "127.0.0.1:1");
        var counter = Counter(nowhere);

        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(i, await counter.AddAsync("192.0.2.7", 29_000_000, CancellationToken.None));
        }

        Assert.Equal(3, await counter.CountAsync("192.0.2.7", 29_000_000, CancellationToken.None));
        Assert.Equal(0, await counter.CountAsync("192.0.2.7", 29_000_001, CancellationToken.None));
    }
}
