using System.Diagnostics;
using EdgeRegistry.Accounts;
using EdgeRegistry.Changes;
using EdgeRegistry.Coordination;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>
/// A real server with <see cref="RedisCoordination.AddRedisCoordination"/>, and beside it the pieces of a second
/// replica on a connection of their own: what that replica counts, publishes or remembers, the server obeys. The
/// store is the server's own (the second replica's store writes go to it directly), the clock frozen.
/// </summary>
public sealed class RedisReplicaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _prefix = TestRedis.NewPrefix();
    private TestServer _server = null!;
    private RedisConnection _otherReplica = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(new TestServerOptions
        {
            Settings = new Dictionary<string, string?> { ["EdgeRegistry:Quotas"] = "on" },
            ConfigureServices = services => services.AddRedisCoordination(TestRedis.Configuration, _prefix),
        });
        _otherReplica = TestRedis.Connect(_prefix);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _otherReplica.DisposeAsync();
    }

    private static Task<RpcResponse> Query(RpcTestClient client) =>
        client.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "10"), ("Type", "1"));

    [Fact]
    public async Task Calls_counted_on_another_replica_count_against_the_same_quota()
    {
        var account = await _server.Admin().CreateAccountAsync();
        var counter = new RedisQuotaCounter(_otherReplica, _server.Time);
        for (var call = 0; call < 3; call++)
        {
            Assert.True((await counter.TryAcquireAsync(account.AccountId, "QueryEdgeDriver", 5, CancellationToken.None)).IsAllowed);
        }

        var client = _server.ClientFor(account);
        RpcAssert.Success(await Query(client));
        RpcAssert.Success(await Query(client));
        RpcAssert.GatewayError(await Query(client), 400, "Throttling.User");
    }

    [Fact]
    public async Task A_key_disabled_through_another_replica_is_refused_here_within_a_second()
    {
        var account = await _server.Admin().CreateAccountAsync();
        var client = _server.ClientFor(account);
        RpcAssert.Success(await Query(client));
        var otherFeed = new RedisChangeFeed(_otherReplica, NullLoggerFactory.Instance);

        await _server.Services.GetRequiredService<IAdminStore>().SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, false, CancellationToken.None);
        var published = Stopwatch.StartNew();
        await otherFeed.PublishAsync(new AccessKeyChanged(account.AccessKeyId), CancellationToken.None);
        RpcResponse response;
        while ((response = await Query(client)).Code == "Success" && published.Elapsed < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(10);
        }

        output.WriteLine($"refused {published.Elapsed.TotalMilliseconds:0} ms after the other replica published");
        RpcAssert.GatewayError(response, 400, "InvalidAccessKeyId.Inactive");
    }

    [Fact]
    public async Task A_nonce_used_on_another_replica_is_a_replay_here()
    {
        var nonce = RpcTestClient.NewNonce();
        var now = _server.Time.GetUtcNow();
        Assert.True(await new RedisNonceStore(_otherReplica, _server.Time).TryUseAsync(TestServer.AccessKeyId, nonce, now.AddMinutes(15), CancellationToken.None));

        var replay = await _server.Client.V1Async("QueryEdgeDriver", [new("CurrentPage", "1"), new("PageSize", "10"), new("Type", "1")],
            new V1Options { Nonce = nonce });

        RpcAssert.GatewayError(replay, 400, "SignatureNonceUsed");
    }
}
