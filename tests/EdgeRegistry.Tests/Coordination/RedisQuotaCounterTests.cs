using EdgeRegistry.Coordination;
using EdgeRegistry.Quotas;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>
/// The shared quota counter against a real Redis. Two counters on two connections stand for two replicas; the clock
/// is frozen at .089 s into a second, so a burst falls in one window and the counts must be exact.
/// </summary>
public sealed class RedisQuotaCounterTests : IAsyncLifetime
{
    private readonly string _prefix = TestRedis.NewPrefix();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, 89, TimeSpan.Zero));
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

    [Fact]
    public async Task Fifty_calls_split_over_two_replicas_in_one_second_let_exactly_the_limit_through()
    {
        RedisQuotaCounter[] replicas = [new(_replicaA, _clock), new(_replicaB, _clock)];
        for (var trial = 0; trial < 20; trial++)
        {
            var account = $"acct-{trial}";
            var decisions = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
                await replicas[i % 2].TryAcquireAsync(account, "QueryEdgeDriver", 10, CancellationToken.None))));

            Assert.Equal(10, decisions.Count(d => d.IsAllowed));
            Assert.All(decisions.Where(d => !d.IsAllowed), d => Assert.Equal(TimeSpan.FromMilliseconds(911), d.RetryAfter));
        }
    }

    [Fact]
    public async Task Throttled_calls_take_nothing_so_a_raised_limit_lets_the_difference_through()
    {
        var counter = new RedisQuotaCounter(_replicaA, _clock);
        var allowed = 0;
        for (var call = 0; call < 13; call++)
        {
            allowed += (await counter.TryAcquireAsync("acct", "CreateEdgeDriver", 3, CancellationToken.None)).IsAllowed ? 1 : 0;
        }

        // The operator raised the account's limit to 5 in the middle of the second.
        var afterRaise = new List<bool>();
        for (var call = 0; call < 4; call++)
        {
            afterRaise.Add((await counter.TryAcquireAsync("acct", "CreateEdgeDriver", 5, CancellationToken.None)).IsAllowed);
        }

        Assert.Equal(3, allowed);
        Assert.Equal([true, true, false, false], afterRaise);
        var second = _clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(5, (int)await (await _replicaA.MultiplexerAsync(CancellationToken.None)).GetDatabase().StringGetAsync(counter.KeyFor("acct", "CreateEdgeDriver", second)));
    }

    [Fact]
    public async Task The_next_clock_second_is_a_new_window_and_the_old_key_expires()
    {
        var counter = new RedisQuotaCounter(_replicaA, _clock);
        var first = await TakeAsync(counter, 7, limit: 5);
        var key = counter.KeyFor("acct", "QueryEdgeDriver", _clock.GetUtcNow().ToUnixTimeSeconds());

        _clock.Advance(TimeSpan.FromMilliseconds(911));
        var second = await TakeAsync(counter, 7, limit: 5);

        Assert.Equal(5, first);
        Assert.Equal(5, second);
        var ttl = await (await _replicaA.MultiplexerAsync(CancellationToken.None)).GetDatabase().KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Accounts_and_actions_are_counted_apart_and_a_limit_of_zero_refuses_everything()
    {
        var counter = new RedisQuotaCounter(_replicaA, _clock);

        Assert.Equal(2, await TakeAsync(counter, 4, limit: 2, account: "a"));
        Assert.Equal(2, await TakeAsync(counter, 4, limit: 2, account: "b"));
        Assert.Equal(2, await TakeAsync(counter, 4, limit: 2, account: "a", action: "CreateEdgeDriver"));
        Assert.Equal(0, await TakeAsync(counter, 4, limit: 0, account: "c"));
    }

    private static async Task<int> TakeAsync(RedisQuotaCounter counter, int calls, int limit, string account = "acct", string action = "QueryEdgeDriver")
    {
        var allowed = 0;
        for (var call = 0; call < calls; call++)
        {
            allowed += (await counter.TryAcquireAsync(account, action, limit, CancellationToken.None)).IsAllowed ? 1 : 0;
        }

        return allowed;
    }
}
