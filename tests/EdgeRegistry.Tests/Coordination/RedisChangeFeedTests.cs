using System.Diagnostics;
using EdgeRegistry.Changes;
using EdgeRegistry.Coordination;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>
/// Two change feeds on two connections under one key prefix stand for two replicas: what one publishes runs the
/// other's subscribers within a second, and its own only once.
/// </summary>
public sealed class RedisChangeFeedTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(1);

    private readonly string _prefix = TestRedis.NewPrefix();
    private readonly List<IAsyncDisposable> _disposables = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_change_published_on_one_replica_runs_the_others_subscribers_within_a_second()
    {
        var a = await StartFeedAsync();
        var b = await StartFeedAsync();
        var onA = ChangeRecorder.On(a);
        var onB = ChangeRecorder.On(b);

        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var change = new AccessKeyChanged($"LTAI{i}");
            var sent = Stopwatch.StartNew();
            await a.PublishAsync(change, CancellationToken.None);
            Assert.Equal(1, onA.Count(change));
            await onB.WaitForAsync(change, Propagation);
            times.Add(sent.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"publish on A to B's subscribers done: median {times.Order().ElementAt(10):0.0} ms, max {times.Max():0.0} ms");
    }

    [Fact]
    public async Task A_replica_does_not_apply_its_own_changes_a_second_time()
    {
        var a = await StartFeedAsync();
        var b = await StartFeedAsync();
        var onA = ChangeRecorder.On(a);
        var mine = new UserPoliciesChanged("1000000000000001");
        var theirs = new QuotaOverridesChanged("1000000000000002");

        await a.PublishAsync(mine, CancellationToken.None);
        await b.PublishAsync(theirs, CancellationToken.None);
        // Redis delivers a channel's messages in the order it received them: B's arriving means A's own came first.
        await onA.WaitForAsync(theirs, Propagation);

        Assert.Equal([mine, theirs], onA.Seen);
    }

    [Fact]
    public async Task After_Redis_comes_back_the_caches_are_told_they_may_be_stale_and_changes_flow_again()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        var a = await StartFeedAsync(redis.Configuration);
        var b = await StartFeedAsync(redis.Configuration);
        var onA = ChangeRecorder.On(a);

        redis.Stop();
        await redis.RestartAsync();
        var restarted = Stopwatch.StartNew();
        await onA.WaitForAsync(new CachesMayBeStale(), TimeSpan.FromSeconds(10));
        var staleAfter = restarted.Elapsed;
        var change = new AccessKeyChanged("LTAIafter");
        await PublishUntilSeenAsync(b, onA, change);

        output.WriteLine($"stale signal {staleAfter.TotalMilliseconds:0} ms, changes flowing again {restarted.Elapsed.TotalMilliseconds:0} ms after Redis restarted");
    }

    [Fact]
    public async Task A_replica_started_while_Redis_is_down_listens_once_it_is_back()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        redis.Stop();
        var starting = Stopwatch.StartNew();
        var a = await StartFeedAsync(redis.Configuration);
        var startedIn = starting.Elapsed;
        var onA = ChangeRecorder.On(a);

        await redis.RestartAsync();
        var restarted = Stopwatch.StartNew();
        var b = await StartFeedAsync(redis.Configuration);
        await PublishUntilSeenAsync(b, onA, new UserPoliciesChanged("1000000000000003"));
        output.WriteLine($"started without Redis in {startedIn.TotalMilliseconds:0} ms; listening {restarted.Elapsed.TotalMilliseconds:0} ms after Redis started");
        var once = new UserPoliciesChanged("1000000000000004");
        await b.PublishAsync(once, CancellationToken.None);
        await onA.WaitForAsync(once, Propagation);
        await Task.Delay(200);

        Assert.Contains(new CachesMayBeStale(), onA.Seen);
        Assert.Equal(1, onA.Count(once));
    }

    /// <summary>A replica that reconnects misses what was sent before it listened again: send until one gets through.</summary>
    private static async Task PublishUntilSeenAsync(RedisChangeFeed from, ChangeRecorder to, RegistryChange change)
    {
        var deadline = Stopwatch.StartNew();
        while (to.Count(change) == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"{change} never arrived; seen: {string.Join(", ", to.Seen)}");
            await from.PublishAsync(change, CancellationToken.None);
            await Task.Delay(100);
        }
    }

    private async Task<RedisChangeFeed> StartFeedAsync(string? configuration = null)
    {
        var connection = TestRedis.Connect(_prefix, configuration);
        _disposables.Add(connection);
        var feed = new RedisChangeFeed(connection, NullLoggerFactory.Instance);
        await feed.StartAsync(CancellationToken.None);
        _disposables.Add(new Stopping(feed));
        return feed;
    }

    private sealed class Stopping(RedisChangeFeed feed) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await feed.StopAsync(CancellationToken.None);
    }
}
