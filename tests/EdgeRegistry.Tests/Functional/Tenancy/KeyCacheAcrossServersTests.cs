using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>
/// README "Keys" and "Key caching": two servers on one data dir (replicas). A key disabled or deleted through server A's
/// admin API is refused by A at once and by B once B's 5-second key cache has expired, on B's own (fake) clock.
/// </summary>
public sealed class KeyCacheAcrossServersTests : IAsyncLifetime
{
    private TestServer _a = null!;
    private TestServer _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestServer.StartAsync();
        _b = await TestServer.StartAsync(new TestServerOptions { Settings = new Dictionary<string, string?> { ["EdgeRegistry:DataDir"] = _a.DataDir } });
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_key_disabled_on_one_server_is_refused_by_the_other_once_five_seconds_have_passed_there()
    {
        var account = await _a.Admin().CreateAccountAsync();
        var onB = _b.ClientFor(account);
        RpcAssert.Success(await onB.QueryDriversAsync()); // B now holds the key in its cache

        await _a.Admin().SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, false);
        RpcAssert.GatewayError(await _a.ClientFor(account).QueryDriversAsync(), 400, "InvalidAccessKeyId.Inactive");

        _b.Clock!.Advance(TimeSpan.FromSeconds(5));
        RpcAssert.GatewayError(await onB.QueryDriversAsync(), 400, "InvalidAccessKeyId.Inactive");

        // Enabled again on A: B takes it back on the same schedule, and it works on both.
        await _a.Admin().SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, true);
        _b.Clock.Advance(TimeSpan.FromSeconds(5));
        RpcAssert.Success(await onB.QueryDriversAsync());
        RpcAssert.Success(await _a.ClientFor(account).QueryDriversAsync());
    }

    [Fact]
    public async Task A_key_deleted_on_one_server_is_unknown_to_the_other_once_five_seconds_have_passed_there()
    {
        var admin = _a.Admin();
        var account = await admin.CreateAccountAsync();
        var second = await admin.CreateKeyAsync(account.AccountId);
        var onB = _b.ClientFor(second);
        RpcAssert.Success(await onB.QueryDriversAsync());

        AdminClient.Expect(await admin.DeleteAsync($"/admin/accounts/{account.AccountId}/keys/{second.AccessKeyId}"), 204);

        _b.Clock!.Advance(TimeSpan.FromSeconds(5));
        RpcAssert.GatewayError(await onB.QueryDriversAsync(), 404, "InvalidAccessKeyId.NotFound");
        RpcAssert.Success(await _b.ClientFor(account).QueryDriversAsync());
    }
}
