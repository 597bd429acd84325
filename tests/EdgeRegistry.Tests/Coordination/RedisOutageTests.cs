using System.Diagnostics;
using EdgeRegistry.Coordination;
using EdgeRegistry.Storage;
using Xunit.Abstractions;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>
/// Fail closed, recover by itself: with Redis gone the quota counter throws <see cref="StoreUnavailableException"/>
/// (the pipeline's 503) within the bound, and counts again once Redis is back, without a restart of the replica.
/// Each test runs a redis-server of its own, which it kills and starts again.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    /// <summary>The longest a request may wait before it is told the counter is unavailable.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_counter_fails_closed_within_the_bound_and_recovers_when_Redis_is_back()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        await using var connection = TestRedis.Connect(TestRedis.NewPrefix(), redis.Configuration);
        var counter = new RedisQuotaCounter(connection, TimeProvider.System);
        Assert.True((await counter.TryAcquireAsync("acct", "QueryEdgeDriver", 1000, CancellationToken.None)).IsAllowed);

        redis.Stop();
        var failing = Stopwatch.StartNew();
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await counter.TryAcquireAsync("acct", "QueryEdgeDriver", 1000, CancellationToken.None));
        var failedAfter = failing.Elapsed;
        Assert.False(connection.IsConnected);

        await redis.RestartAsync();
        var recovering = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                Assert.True((await counter.TryAcquireAsync("acct", "QueryEdgeDriver", 1000, CancellationToken.None)).IsAllowed);
                break;
            }
            catch (StoreUnavailableException) when (recovering.Elapsed < Bound)
            {
                await Task.Delay(50);
            }
        }

        output.WriteLine($"unavailable after {failedAfter.TotalMilliseconds:0} ms; counting again {recovering.Elapsed.TotalMilliseconds:0} ms after Redis restarted");
        Assert.True(failedAfter < Bound, $"It took {failedAfter} to fail.");
        Assert.True(connection.IsConnected);
    }

    [Fact]
    public async Task A_Redis_that_never_answered_fails_closed_within_the_bound()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        redis.Stop();
        await using var connection = TestRedis.Connect(TestRedis.NewPrefix(), redis.Configuration);
        var counter = new RedisQuotaCounter(connection, TimeProvider.System);

        var failing = Stopwatch.StartNew();
        var thrown = await Assert.ThrowsAsync<StoreUnavailableException>(async () => await counter.TryAcquireAsync("acct", "QueryEdgeDriver", 10, CancellationToken.None));

        output.WriteLine($"unavailable after {failing.Elapsed.TotalMilliseconds:0} ms: {thrown.Message}");
        Assert.True(failing.Elapsed < Bound, $"It took {failing.Elapsed} to fail.");
        Assert.Contains(redis.Configuration, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Redis_that_hangs_fails_closed_after_the_command_timeout_and_counts_again_when_it_wakes()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        await using var connection = TestRedis.Connect(TestRedis.NewPrefix(), redis.Configuration);
        var counter = new RedisQuotaCounter(connection, TimeProvider.System);
        Assert.True((await counter.TryAcquireAsync("acct", "QueryEdgeDriver", 1000, CancellationToken.None)).IsAllowed);

        await redis.PauseAsync();
        var failing = Stopwatch.StartNew();
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await counter.TryAcquireAsync("acct", "QueryEdgeDriver", 1000, CancellationToken.None));
        var failedAfter = failing.Elapsed;
        await redis.ResumeAsync();

        output.WriteLine($"unavailable after {failedAfter.TotalMilliseconds:0} ms");
        Assert.InRange(failedAfter, RedisConnection.CommandTimeout * 0.9, Bound);
        Assert.True((await counter.TryAcquireAsync("acct", "QueryEdgeDriver", 1000, CancellationToken.None)).IsAllowed);
    }
}
