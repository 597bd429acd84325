using EdgeRegistry.Accounts;
using EdgeRegistry.Changes;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>
/// <see cref="CachesMayBeStale"/>, what a replica tells itself after its link to the others was down: the key cache,
/// the RAM policy cache and the quota limits all start again from the store. The changes here go straight to the
/// store, as another replica's would without its notice arriving (Redis away); the frozen clock never lets a cache expire.
/// </summary>
public sealed class StaleCachesTests(QuotaServerFixture fixture) : IClassFixture<QuotaServerFixture>
{
    private readonly TestServer _server = fixture.Server;
    private readonly AdminClient _admin = fixture.Server.Admin();

    private static Task<RpcResponse> Query(RpcTestClient client) =>
        client.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "10"), ("Type", "1"));

    [Fact]
    public async Task Caches_told_they_may_be_stale_read_keys_policies_and_quotas_again()
    {
        var account = await _admin.CreateAccountAsync();
        var disabledRoot = _server.ClientFor(account);
        var otherKey = await _admin.CreateKeyAsync(account.AccountId);
        var otherRoot = _server.ClientFor(otherKey.AccessKeyId, otherKey.AccessKeySecret);
        await _admin.CreateUserAsync(account.AccountId, "reader");
        await _admin.PutPolicyAsync(account.AccountId, "All", AdminClient.AllowAll);
        await _admin.AttachAsync(account.AccountId, "reader", "All");
        var userKey = await _admin.CreateKeyAsync(account.AccountId, "reader");
        var user = _server.ClientFor(userKey.AccessKeyId, userKey.AccessKeySecret);
        RpcAssert.Success(await Query(disabledRoot));
        RpcAssert.Success(await Query(user));

        var store = _server.Services.GetRequiredService<IAdminStore>();
        await store.SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, false, CancellationToken.None);
        await store.DetachPolicyAsync(account.AccountId, "reader", "All", CancellationToken.None);
        await store.SetQuotaOverrideAsync(new QuotaOverride(account.AccountId, "CreateEdgeDriver", 0), CancellationToken.None);
        RpcAssert.Success(await Query(disabledRoot));
        RpcAssert.Success(await Query(user));
        await otherRoot.CreateDriverAsync();

        // Each replica tells itself (after its own reconnect); the notice never travels between replicas.
        foreach (var replica in _server.ReplicaServices)
        {
            await replica.GetRequiredService<IChangeFeed>().PublishAsync(new CachesMayBeStale(), CancellationToken.None);
        }

        RpcAssert.GatewayError(await Query(disabledRoot), 400, "InvalidAccessKeyId.Inactive");
        RpcAssert.GatewayError(await Query(user), 403, "Forbidden.RAM");
        RpcAssert.GatewayError(await otherRoot.CallAsync("CreateEdgeDriver", ("DriverName", DriverCalls.UniqueName()), ("DriverProtocol", "modbus"),
            ("Runtime", "python3")), 400, "Throttling.User");
    }
}
