using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>
/// AccessKeys through the admin API and the RPC endpoint of the same server: a change takes effect at once (the
/// server's 5-second key cache is bypassed for its own changes; the fake clock never lets it expire here), and no
/// answer but the creating one ever shows a secret.
/// </summary>
public sealed class AccessKeyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;
    private readonly AdminClient _admin = fixture.Server.Admin();

    private static Task<RpcResponse> AnyCall(RpcTestClient client) => client.QueryDriversAsync();

    private static void Inactive(RpcResponse response) =>
        RpcAssert.GatewayError(response, 400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.");

    private static void NotFound(RpcResponse response) =>
        RpcAssert.GatewayError(response, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");

    [Fact]
    public async Task A_disabled_root_key_is_refused_at_once_and_works_again_when_enabled()
    {
        var account = await _admin.CreateAccountAsync();
        var client = _server.ClientFor(account);
        RpcAssert.Success(await AnyCall(client));

        await _admin.SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, false);
        Inactive(await AnyCall(client));
        Inactive(await client.V3Async("QueryEdgeDriver", Listings.OneDriverPage));

        await _admin.SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, true);
        RpcAssert.Success(await AnyCall(client));
    }

    [Fact]
    public async Task A_disabled_RAM_user_key_is_refused_and_the_users_other_key_still_works()
    {
        var account = await _admin.CreateAccountAsync();
        var user = AdminClient.UniqueName("user");
        await _admin.CreateUserAsync(account.AccountId, user);
        await _admin.PutPolicyAsync(account.AccountId, "all", AdminClient.AllowAll);
        await _admin.AttachAsync(account.AccountId, user, "all");
        var first = await _admin.CreateKeyAsync(account.AccountId, user);
        var second = await _admin.CreateKeyAsync(account.AccountId, user);
        RpcAssert.Success(await AnyCall(_server.ClientFor(first)));

        await _admin.SetKeyEnabledAsync(account.AccountId, first.AccessKeyId, false);

        Inactive(await AnyCall(_server.ClientFor(first)));
        RpcAssert.Success(await AnyCall(_server.ClientFor(second)));
    }

    [Fact]
    public async Task A_deleted_key_is_unknown_at_once()
    {
        var account = await _admin.CreateAccountAsync();
        var extra = await _admin.CreateKeyAsync(account.AccountId);
        RpcAssert.Success(await AnyCall(_server.ClientFor(extra)));

        AdminClient.Expect(await _admin.DeleteAsync($"/admin/accounts/{account.AccountId}/keys/{extra.AccessKeyId}"), 204);

        NotFound(await AnyCall(_server.ClientFor(extra)));
        RpcAssert.Success(await AnyCall(_server.ClientFor(account)));
    }

    [Fact]
    public async Task The_keys_of_a_deleted_RAM_user_are_unknown_at_once()
    {
        var account = await _admin.CreateAccountAsync();
        var key = await _admin.CreateRamUserAsync(account.AccountId, AdminClient.AllowAll);
        RpcAssert.Success(await AnyCall(_server.ClientFor(key)));
        var users = await _admin.GetAsync($"/admin/accounts/{account.AccountId}/users");
        var user = Assert.Single(users.Json.EnumerateArray()).GetProperty("userName").GetString();

        AdminClient.Expect(await _admin.DeleteAsync($"/admin/accounts/{account.AccountId}/users/{user}"), 204);

        NotFound(await AnyCall(_server.ClientFor(key)));
    }

    [Fact]
    public async Task A_RAM_user_deleted_and_made_again_under_the_same_name_has_none_of_the_old_permissions()
    {
        var account = await _admin.CreateAccountAsync();
        await _admin.CreateUserAsync(account.AccountId, "ops");
        await _admin.PutPolicyAsync(account.AccountId, "all", AdminClient.AllowAll);
        await _admin.AttachAsync(account.AccountId, "ops", "all");
        RpcAssert.Success(await AnyCall(_server.ClientFor(await _admin.CreateKeyAsync(account.AccountId, "ops"))));

        AdminClient.Expect(await _admin.DeleteAsync($"/admin/accounts/{account.AccountId}/users/ops"), 204);
        await _admin.CreateUserAsync(account.AccountId, "ops");
        var fresh = await _admin.CreateKeyAsync(account.AccountId, "ops");

        var users = AdminClient.Expect(await _admin.GetAsync($"/admin/accounts/{account.AccountId}/users"), 200).Json;
        Assert.Empty(Assert.Single(users.EnumerateArray()).GetProperty("policies").EnumerateArray());
        RpcAssert.GatewayError(await AnyCall(_server.ClientFor(fresh)), 403, "Forbidden.RAM");
    }

    [Fact]
    public async Task Key_listings_never_show_a_secret()
    {
        var account = await _admin.CreateAccountAsync();
        var user = AdminClient.UniqueName("user");
        await _admin.CreateUserAsync(account.AccountId, user);
        List<string> secrets = [account.AccessKeySecret];
        for (var i = 0; i < 3; i++)
        {
            secrets.Add((await _admin.CreateKeyAsync(account.AccountId)).AccessKeySecret);
            secrets.Add((await _admin.CreateKeyAsync(account.AccountId, user)).AccessKeySecret);
        }

        await _admin.SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, false);
        string[] paths =
        [
            $"/admin/accounts/{account.AccountId}/keys", $"/admin/accounts/{account.AccountId}/keys?user={user}",
            $"/admin/accounts/{account.AccountId}/keys?user=", $"/admin/accounts/{account.AccountId}",
            $"/admin/accounts/{account.AccountId}/users", "/admin/accounts",
        ];
        foreach (var path in paths)
        {
            var response = AdminClient.Expect(await _admin.GetAsync(path), 200);
            foreach (var secret in secrets.Append(TestServer.AccessKeySecret))
            {
                Assert.DoesNotContain(secret, response.Body, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("secret", response.Body, StringComparison.OrdinalIgnoreCase);
        }

        var all = AdminClient.Expect(await _admin.GetAsync($"/admin/accounts/{account.AccountId}/keys"), 200).Json.EnumerateArray().ToList();
        Assert.Equal(7, all.Count);
        Assert.Equal(4, all.Count(k => k.GetProperty("userName").ValueKind == System.Text.Json.JsonValueKind.Null));
        Assert.False(all.Single(k => k.GetProperty("accessKeyId").GetString() == account.AccessKeyId).GetProperty("enabled").GetBoolean());
        Assert.Equal(3, (await _admin.GetAsync($"/admin/accounts/{account.AccountId}/keys?user={user}")).Json.GetArrayLength());
        Assert.Equal(4, (await _admin.GetAsync($"/admin/accounts/{account.AccountId}/keys?user=")).Json.GetArrayLength());
    }
}
