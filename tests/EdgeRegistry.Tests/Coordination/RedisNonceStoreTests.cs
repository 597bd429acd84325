using EdgeRegistry.Coordination;
using EdgeRegistry.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>Signature nonces in the shared Redis: a nonce used on one replica is a replay on every other.</summary>
public sealed class RedisNonceStoreTests : IAsyncLifetime
{
    private readonly string _prefix = TestRedis.NewPrefix();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, 89, TimeSpan.Zero));
    private RedisConnection _replicaA = null!;
    private RedisConnection _replicaB = null!;

    private DateTimeOffset InFifteenMinutes => _clock.GetUtcNow().AddMinutes(15);

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

    [Fact]
    public async Task A_nonce_used_on_one_replica_is_a_replay_on_the_other_but_not_for_another_key()
    {
        var a = new RedisNonceStore(_replicaA, _clock);
        var b = new RedisNonceStore(_replicaB, _clock);

        Assert.True(await a.TryUseAsync("LTAIone", "n-1", InFifteenMinutes, CancellationToken.None));
        Assert.False(await b.TryUseAsync("LTAIone", "n-1", InFifteenMinutes, CancellationToken.None));
        Assert.False(await a.TryUseAsync("LTAIone", "n-1", InFifteenMinutes, CancellationToken.None));
        Assert.True(await b.TryUseAsync("LTAItwo", "n-1", InFifteenMinutes, CancellationToken.None));
        Assert.True(await b.TryUseAsync("LTAIone", "N-1", InFifteenMinutes, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_uses_of_one_nonce_on_two_replicas_let_exactly_one_through()
    {
        RedisNonceStore[] replicas = [new(_replicaA, _clock), new(_replicaB, _clock)];

        var firsts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
            await replicas[i % 2].TryUseAsync("LTAIone", "raced", InFifteenMinutes, CancellationToken.None))));

        Assert.Single(firsts, used => used);
    }

    [Fact]
    public async Task A_nonce_is_kept_until_its_timestamp_expires_and_a_few_seconds_at_least()
    {
        var store = new RedisNonceStore(_replicaA, _clock);
        var database = (await _replicaA.MultiplexerAsync(CancellationToken.None)).GetDatabase();

        await store.TryUseAsync("LTAIone", "long", InFifteenMinutes, CancellationToken.None);
        await store.TryUseAsync("LTAIone", "short", _clock.GetUtcNow().AddSeconds(-1), CancellationToken.None);

        Assert.InRange((await database.KeyTimeToLiveAsync(store.KeyFor("LTAIone", "long")))!.Value, TimeSpan.FromMinutes(14.9), TimeSpan.FromMinutes(15));
        Assert.InRange((await database.KeyTimeToLiveAsync(store.KeyFor("LTAIone", "short")))!.Value, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Without_Redis_a_nonce_is_neither_accepted_nor_refused_but_unavailable()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        redis.Stop();
        await using var connection = TestRedis.Connect(_prefix, redis.Configuration);

        await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            await new RedisNonceStore(connection, _clock).TryUseAsync("LTAIone", "n-1", InFifteenMinutes, CancellationToken.None));
    }
}
