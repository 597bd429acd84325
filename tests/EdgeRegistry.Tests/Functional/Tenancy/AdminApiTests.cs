using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>Every route of docs/admin-api.md end to end: status codes, bodies, and the 400/401/404/409 errors.</summary>
public sealed class AdminApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string InvalidPolicy = """{"Version":"1","Statement":[{"Effect":"Permit","Action":["iot:*"],"Resource":["*"]}]}""";

    private readonly AdminClient _admin = fixture.Server.Admin();

    private static AdminResponse Expect(AdminResponse response, int status, string? code = null) => AdminClient.Expect(response, status, code);

    /// <summary>The documented fields are there with the documented JSON kinds (more fields are tolerated).</summary>
    private static void HasFields(JsonElement item, params (string Name, JsonValueKind Kind)[] fields)
    {
        foreach (var (name, kind) in fields)
        {
            Assert.True(item.TryGetProperty(name, out var value), $"{name} missing in {item}");
            Assert.True(value.ValueKind == kind || (kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False),
                $"{name} should be {kind} in {item}");
        }
    }

    private static long Ms(JsonElement item) => item.GetProperty("createdMs").GetInt64();

    /// <summary>
    /// Wrong tokens count against the address for the rest of the clock minute (ten a minute, AdminTokenGuard): a test
    /// that sends some starts a minute of its own, so the class's other tests are not locked out.
    /// </summary>
    private void StartAGuessingMinute() => fixture.Clock.Advance(TimeSpan.FromSeconds(60));

    /// <summary>The server's clock, to which the answers' <c>createdMs</c> must agree.</summary>
    private long Now => fixture.Server.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic dGVzdC1hZG1pbi10b2tlbjo=")]
    [InlineData("test-admin-token")]
    public async Task A_missing_or_wrong_operator_token_is_401_with_WWW_Authenticate_Bearer(string? authorization)
    {
        StartAGuessingMinute();
        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Get, "/admin/accounts", null), (HttpMethod.Post, "/admin/accounts", """{"name":"x"}"""),
                     (HttpMethod.Put, "/admin/accounts/any/quotas/*", """{"limitPerSecond":null}"""),
                     (HttpMethod.Delete, "/admin/accounts/any/keys/LTAIany", null),
                 })
        {
            var response = await _admin.SendAsync(method, path, body, authorization);
            Expect(response, 401, "Unauthorized");
            Assert.Equal("Bearer", response.Header("www-authenticate"));
        }

        var accounts = Expect(await _admin.GetAsync("/admin/accounts"), 200).Json;
        Assert.DoesNotContain(accounts.EnumerateArray(), a => a.GetProperty("name").GetString() == "x");
    }

    [Fact]
    public async Task The_token_scheme_is_case_insensitive_and_the_RPC_keys_do_not_open_the_admin_API()
    {
        StartAGuessingMinute();
        Expect(await _admin.SendAsync(HttpMethod.Get, "/admin/accounts", authorization: "bearer " + TestServer.AdminToken), 200);
        Expect(await _admin.SendAsync(HttpMethod.Get, "/admin/accounts", authorization: "Bearer " + TestServer.AccessKeySecret), 401, "Unauthorized");
    }

    [Fact]
    public async Task Accounts_are_created_listed_and_read()
    {
        var before = Now;
        var created = Expect(await _admin.PostAsync("/admin/accounts", """{"name":"Acme Ltd"}"""), 201);
        var json = created.Json;
        HasFields(json, ("accountId", JsonValueKind.String), ("name", JsonValueKind.String), ("isDefault", JsonValueKind.False),
            ("createdMs", JsonValueKind.Number), ("accessKeyId", JsonValueKind.String), ("accessKeySecret", JsonValueKind.String));
        var id = json.GetProperty("accountId").GetString()!;
        Assert.Equal("Acme Ltd", json.GetProperty("name").GetString());
        Assert.Matches("^LTAI[A-Za-z0-9]{20}$", json.GetProperty("accessKeyId").GetString());
        Assert.Matches("^[A-Za-z0-9]{30}$", json.GetProperty("accessKeySecret").GetString());
        Assert.Equal($"/admin/accounts/{id}", created.Header("location"));
        Assert.StartsWith("application/json; charset=utf-8", created.Header("content-type"), StringComparison.Ordinal);
        Assert.InRange(Ms(json), before, Now);

        var read = Expect(await _admin.GetAsync($"/admin/accounts/{id}"), 200).Json;
        Assert.Equal(["accountId", "name", "isDefault", "createdMs"], read.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Ms(json), Ms(read));

        var all = Expect(await _admin.GetAsync("/admin/accounts"), 200).Json.EnumerateArray().ToList();
        Assert.Contains(all, a => a.GetProperty("accountId").GetString() == id && !a.GetProperty("isDefault").GetBoolean());
        Assert.Single(all, a => a.GetProperty("isDefault").GetBoolean());
        Assert.All(all, a => Assert.Equal(["accountId", "name", "isDefault", "createdMs"], a.EnumerateObject().Select(p => p.Name)));

        // The new root key signs RPC calls of the new account.
        RpcAssert.Success(await fixture.Server.ClientFor(json.GetProperty("accessKeyId").GetString()!, json.GetProperty("accessKeySecret").GetString()!)
            .QueryDriversAsync());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":12}""")]
    [InlineData("not json")]
    [InlineData("""{"name":"0123456789012345678901234567890123456789012345678901234567890123456789"}""")]
    public async Task An_account_without_a_valid_name_is_400(string body) =>
        Expect(await _admin.PostAsync("/admin/accounts", body), 400, "InvalidArgument");

    [Fact]
    public async Task Routes_of_an_unknown_account_are_404_AccountNotFound()
    {
        const string a = "/admin/accounts/no-such-account";
        foreach (var response in new[]
                 {
                     await _admin.GetAsync(a), await _admin.GetAsync(a + "/keys"), await _admin.PostAsync(a + "/keys", "{}"),
                     await _admin.PatchAsync(a + "/keys/LTAIx", """{"enabled":false}"""), await _admin.DeleteAsync(a + "/keys/LTAIx"),
                     await _admin.GetAsync(a + "/users"), await _admin.PostAsync(a + "/users", """{"userName":"u"}"""),
                     await _admin.DeleteAsync(a + "/users/u"), await _admin.GetAsync(a + "/policies"),
                     await _admin.PutAsync(a + "/policies/p", AdminClient.AllowAll), await _admin.DeleteAsync(a + "/policies/p"),
                     await _admin.PutAsync(a + "/users/u/policies/p"), await _admin.DeleteAsync(a + "/users/u/policies/p"),
                     await _admin.GetAsync(a + "/instances"), await _admin.PostAsync(a + "/instances", "{}"),
                     await _admin.DeleteAsync(a + "/instances/iot-abcd1234"), await _admin.GetAsync(a + "/quotas"),
                     await _admin.PutAsync(a + "/quotas/*", """{"limitPerSecond":5}"""), await _admin.DeleteAsync(a + "/quotas/*"),
                 })
        {
            Expect(response, 404, "AccountNotFound");
        }
    }

    [Fact]
    public async Task An_unknown_admin_route_is_404_NotFound_in_the_error_shape() =>
        Expect(await _admin.GetAsync("/admin/no-such-thing"), 404, "NotFound");

    [Fact]
    public async Task Keys_are_created_for_root_and_users_listed_disabled_and_deleted()
    {
        var account = await _admin.CreateAccountAsync();
        var keys = $"/admin/accounts/{account.AccountId}/keys";
        await _admin.CreateUserAsync(account.AccountId, "deploy.bot_1");

        var root = Expect(await _admin.PostAsync(keys, "{}"), 201);
        var rootJson = root.Json;
        Assert.Equal(["accessKeyId", "accessKeySecret", "userName", "enabled", "createdMs"], rootJson.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, rootJson.GetProperty("userName").ValueKind);
        Assert.True(rootJson.GetProperty("enabled").GetBoolean());
        Assert.Equal($"{keys}/{rootJson.GetProperty("accessKeyId").GetString()}", root.Header("location"));
        var noBody = Expect(await _admin.SendAsync(HttpMethod.Post, keys), 201).Json;
        Assert.Equal(JsonValueKind.Null, noBody.GetProperty("userName").ValueKind);
        var user = Expect(await _admin.PostAsync(keys, """{"userName":"deploy.bot_1"}"""), 201).Json;
        Assert.Equal("deploy.bot_1", user.GetProperty("userName").GetString());

        var listed = Expect(await _admin.GetAsync(keys), 200).Json.EnumerateArray().ToList();
        Assert.Equal(4, listed.Count);
        Assert.All(listed, k => HasFields(k, ("accessKeyId", JsonValueKind.String), ("enabled", JsonValueKind.True), ("createdMs", JsonValueKind.Number)));
        Assert.Equal([user.GetProperty("accessKeyId").GetString()],
            Expect(await _admin.GetAsync(keys + "?user=deploy.bot_1"), 200).Json.EnumerateArray().Select(k => k.GetProperty("accessKeyId").GetString()));
        Assert.Equal(3, Expect(await _admin.GetAsync(keys + "?user="), 200).Json.GetArrayLength());

        var keyPath = $"{keys}/{user.GetProperty("accessKeyId").GetString()}";
        Expect(await _admin.PatchAsync(keyPath, """{"enabled":false}"""), 204);
        Assert.False(Expect(await _admin.GetAsync(keys + "?user=deploy.bot_1"), 200).Json[0].GetProperty("enabled").GetBoolean());
        Expect(await _admin.PatchAsync(keyPath, """{"enabled":true}"""), 204);
        Assert.True(Expect(await _admin.GetAsync(keys + "?user=deploy.bot_1"), 200).Json[0].GetProperty("enabled").GetBoolean());
        Expect(await _admin.PatchAsync(keyPath, "{}"), 400, "InvalidArgument");
        Expect(await _admin.PatchAsync(keyPath, """{"enabled":"no"}"""), 400, "InvalidArgument");

        Expect(await _admin.DeleteAsync(keyPath), 204);
        Expect(await _admin.DeleteAsync(keyPath), 404, "KeyNotFound");
        Expect(await _admin.PatchAsync(keyPath, """{"enabled":true}"""), 404, "KeyNotFound");
        Assert.Empty(Expect(await _admin.GetAsync(keys + "?user=deploy.bot_1"), 200).Json.EnumerateArray());

        Expect(await _admin.PostAsync(keys, """{"userName":"nobody"}"""), 404, "UserNotFound");
        Expect(await _admin.PostAsync(keys, """{"userName":"bad name"}"""), 400, "InvalidArgument");
        Expect(await _admin.PostAsync(keys, "[1"), 400, "InvalidArgument");
    }

    [Fact]
    public async Task A_key_is_changed_only_through_its_own_account()
    {
        var owner = await _admin.CreateAccountAsync();
        var other = await _admin.CreateAccountAsync();

        Expect(await _admin.PatchAsync($"/admin/accounts/{other.AccountId}/keys/{owner.AccessKeyId}", """{"enabled":false}"""), 404, "KeyNotFound");
        Expect(await _admin.DeleteAsync($"/admin/accounts/{other.AccountId}/keys/{owner.AccessKeyId}"), 404, "KeyNotFound");

        RpcAssert.Success(await fixture.Server.ClientFor(owner).QueryDriversAsync());
    }

    [Fact]
    public async Task Users_are_created_listed_with_their_policies_and_deleted()
    {
        var account = await _admin.CreateAccountAsync();
        var users = $"/admin/accounts/{account.AccountId}/users";

        var created = Expect(await _admin.PostAsync(users, """{"userName":"alice"}"""), 201);
        HasFields(created.Json, ("userName", JsonValueKind.String), ("createdMs", JsonValueKind.Number), ("policies", JsonValueKind.Array));
        Assert.Equal("alice", created.Json.GetProperty("userName").GetString());
        Assert.Empty(created.Json.GetProperty("policies").EnumerateArray());
        Assert.Equal($"{users}/alice", created.Header("location"));
        Expect(await _admin.PostAsync(users, """{"userName":"alice"}"""), 409, "UserExists");
        foreach (var bad in new[] { "{}", """{"userName":""}""", """{"userName":"a b"}""", """{"userName":"ä"}""", $$"""{"userName":"{{new string('u', 65)}}"}""" })
        {
            Expect(await _admin.PostAsync(users, bad), 400, "InvalidArgument");
        }

        await _admin.PutPolicyAsync(account.AccountId, "readers", AdminClient.Policy("Allow", "iot:Query*"));
        await _admin.PutPolicyAsync(account.AccountId, "admins", AdminClient.AllowAll);
        await _admin.AttachAsync(account.AccountId, "alice", "readers");
        await _admin.AttachAsync(account.AccountId, "alice", "admins");
        await _admin.AttachAsync(account.AccountId, "alice", "admins"); // attaching twice is one attachment

        var listed = Assert.Single(Expect(await _admin.GetAsync(users), 200).Json.EnumerateArray());
        Assert.Equal("alice", listed.GetProperty("userName").GetString());
        Assert.Equal(["admins", "readers"], listed.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));

        Expect(await _admin.DeleteAsync($"{users}/alice"), 204);
        Expect(await _admin.DeleteAsync($"{users}/alice"), 404, "UserNotFound");
        Assert.Empty(Expect(await _admin.GetAsync(users), 200).Json.EnumerateArray());
        // Its attachments went with it, so the policies can be deleted.
        Expect(await _admin.DeleteAsync($"/admin/accounts/{account.AccountId}/policies/admins"), 204);
    }

    [Fact]
    public async Task Policies_are_put_listed_replaced_attached_detached_and_deleted()
    {
        var account = await _admin.CreateAccountAsync();
        var policies = $"/admin/accounts/{account.AccountId}/policies";
        await _admin.CreateUserAsync(account.AccountId, "bob");
        var document = AdminClient.Policy("Allow", "iot:QueryEdgeDriver");

        var put = Expect(await _admin.PutAsync($"{policies}/read-only", document), 200).Json;
        HasFields(put, ("policyName", JsonValueKind.String), ("document", JsonValueKind.String), ("createdMs", JsonValueKind.Number));
        Assert.Equal("read-only", put.GetProperty("policyName").GetString());
        Assert.Equal(document, put.GetProperty("document").GetString());
        var listed = Assert.Single(Expect(await _admin.GetAsync(policies), 200).Json.EnumerateArray());
        Assert.Equal(document, listed.GetProperty("document").GetString());

        var replacement = AdminClient.Policy("Allow", "iot:Get*");
        var replaced = Expect(await _admin.PutAsync($"{policies}/read-only", replacement), 200).Json;
        Assert.Equal(replacement, replaced.GetProperty("document").GetString());
        listed = Assert.Single(Expect(await _admin.GetAsync(policies), 200).Json.EnumerateArray());
        Assert.Equal(replacement, listed.GetProperty("document").GetString());

        Expect(await _admin.PutAsync($"/admin/accounts/{account.AccountId}/users/bob/policies/read-only"), 204);
        Expect(await _admin.DeleteAsync($"{policies}/read-only"), 409, "PolicyAttached");
        Assert.Single(Expect(await _admin.GetAsync(policies), 200).Json.EnumerateArray());
        Expect(await _admin.DeleteAsync($"/admin/accounts/{account.AccountId}/users/bob/policies/read-only"), 204);
        Expect(await _admin.DeleteAsync($"/admin/accounts/{account.AccountId}/users/bob/policies/read-only"), 404, "PolicyNotFound");
        Expect(await _admin.DeleteAsync($"{policies}/read-only"), 204);
        Expect(await _admin.DeleteAsync($"{policies}/read-only"), 404, "PolicyNotFound");
        Assert.Empty(Expect(await _admin.GetAsync(policies), 200).Json.EnumerateArray());

        Expect(await _admin.PutAsync($"/admin/accounts/{account.AccountId}/users/bob/policies/none"), 404, "PolicyNotFound");
        await _admin.PutPolicyAsync(account.AccountId, "p2", AdminClient.AllowAll);
        Expect(await _admin.PutAsync($"/admin/accounts/{account.AccountId}/users/nobody/policies/p2"), 404, "UserNotFound");
        Expect(await _admin.PutAsync($"{policies}/bad_name", AdminClient.AllowAll), 400, "InvalidArgument");
    }

    /// <summary>
    /// The answer that creates a key, user, policy or instance states the <c>createdMs</c> the listings show ever
    /// after, read from the server's clock (the fake one here); replacing a policy's document keeps its creation time.
    /// </summary>
    [Fact]
    public async Task CreatedMs_in_each_creating_answer_is_what_the_listings_show()
    {
        var account = await _admin.CreateAccountAsync();
        var a = $"/admin/accounts/{account.AccountId}";
        var key = Expect(await _admin.PostAsync(a + "/keys", "{}"), 201).Json;
        var user = Expect(await _admin.PostAsync(a + "/users", """{"userName":"carol"}"""), 201).Json;
        var policy = Expect(await _admin.PutAsync(a + "/policies/p1", AdminClient.AllowAll), 200).Json;
        var instance = Expect(await _admin.PostAsync(a + "/instances", "{}"), 201).Json;
        var created = new Dictionary<string, long>
        {
            ["key"] = Ms(key), ["user"] = Ms(user), ["policy"] = Ms(policy), ["instance"] = Ms(instance),
        };
        fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        created["replaced policy"] = Ms(Expect(await _admin.PutAsync(a + "/policies/p1", AdminClient.Policy("Allow", "iot:Get*")), 200).Json);

        var listedPolicy = Ms(Expect(await _admin.GetAsync(a + "/policies"), 200).Json[0]);
        var listed = new Dictionary<string, long>
        {
            ["key"] = Ms(Expect(await _admin.GetAsync(a + "/keys"), 200).Json.EnumerateArray()
                .Single(k => k.GetProperty("accessKeyId").GetString() == key.GetProperty("accessKeyId").GetString())),
            ["user"] = Ms(Expect(await _admin.GetAsync(a + "/users"), 200).Json[0]),
            ["policy"] = listedPolicy,
            ["instance"] = Ms(Expect(await _admin.GetAsync(a + "/instances"), 200).Json[0]),
            ["replaced policy"] = listedPolicy,
        };
        var now = Now;
        Assert.All(listed.Values, ms => Assert.InRange(ms, now - 3000, now));
        Assert.Equal(listed, created);
    }

    [Theory]
    [InlineData(InvalidPolicy, "Statement[0].Effect")]
    [InlineData("""{"Version":"2","Statement":[{"Effect":"Allow","Action":"iot:*","Resource":"*"}]}""", "Version")]
    [InlineData("""{"Version":"1","Statement":[{"Effect":"Allow","Resource":"*"}]}""", "Action")]
    [InlineData("""{"Version":"1","Statement":[{"Effect":"Allow","Action":"iot:*","Resource":"*"},{"Effect":"Deny","Action":7,"Resource":"*"}]}""", "Statement[1].Action")]
    [InlineData("{\"Version\":\"1\",", "not valid JSON")]
    [InlineData("", "empty")]
    public async Task A_malformed_policy_is_400_naming_the_problem_and_is_not_stored(string document, string pointer)
    {
        var account = await _admin.CreateAccountAsync();

        var response = Expect(await _admin.PutAsync($"/admin/accounts/{account.AccountId}/policies/broken", document), 400, "InvalidArgument");

        Assert.Contains(pointer, response.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(Expect(await _admin.GetAsync($"/admin/accounts/{account.AccountId}/policies"), 200).Json.EnumerateArray());
    }

    [Fact]
    public async Task Instances_are_created_generated_or_named_listed_and_deleted()
    {
        var account = await _admin.CreateAccountAsync();
        var instances = $"/admin/accounts/{account.AccountId}/instances";

        var generated = Expect(await _admin.PostAsync(instances, "{}"), 201);
        var generatedId = generated.Json.GetProperty("instanceId").GetString()!;
        Assert.Matches("^iot-[a-z0-9]{8}$", generatedId);
        HasFields(generated.Json, ("createdMs", JsonValueKind.Number));
        Assert.Equal($"{instances}/{generatedId}", generated.Header("location"));
        Assert.Matches("^iot-[a-z0-9]{8}$", Expect(await _admin.SendAsync(HttpMethod.Post, instances), 201).Json.GetProperty("instanceId").GetString());
        var named = Expect(await _admin.PostAsync(instances, """{"instanceId":"iot-060a0b1c2d"}"""), 201).Json;
        Assert.Equal("iot-060a0b1c2d", named.GetProperty("instanceId").GetString());

        var listed = Expect(await _admin.GetAsync(instances), 200).Json.EnumerateArray().ToList();
        Assert.Equal(3, listed.Count);

        Expect(await _admin.PostAsync(instances, """{"instanceId":"iot-060a0b1c2d"}"""), 409, "InstanceExists");
        var other = await _admin.CreateAccountAsync();
        Expect(await _admin.PostAsync($"/admin/accounts/{other.AccountId}/instances", """{"instanceId":"iot-060a0b1c2d"}"""), 409, "InstanceExists");
        foreach (var bad in new[] { "iot-ABCD", "iot-abc", "iot_abcd1234", "abcd1234", "iot-" + new string('a', 33), "iot-abcd-1234" })
        {
            Expect(await _admin.PostAsync(instances, JsonSerializer.Serialize(new { instanceId = bad })), 400, "InvalidArgument");
        }

        // An instance takes RPC calls through IotInstanceId until it is deleted.
        var root = fixture.Server.ClientFor(account);
        RpcAssert.Success(await root.QueryDriversAsync(10, ("IotInstanceId", "iot-060a0b1c2d")));
        Expect(await _admin.DeleteAsync($"{instances}/iot-060a0b1c2d"), 204);
        Expect(await _admin.DeleteAsync($"{instances}/iot-060a0b1c2d"), 404, "InstanceNotFound");
        Expect(await _admin.DeleteAsync($"/admin/accounts/{other.AccountId}/instances/{generatedId}"), 404, "InstanceNotFound");
        RpcAssert.BusinessError(await root.QueryDriversAsync(10, ("IotInstanceId", "iot-060a0b1c2d")),
            "iot.system.InstanceNotFound");
        Assert.Equal(2, Expect(await _admin.GetAsync(instances), 200).Json.GetArrayLength());
    }

    [Fact]
    public async Task Quota_overrides_are_set_listed_and_removed()
    {
        var account = await _admin.CreateAccountAsync();
        var quotas = $"/admin/accounts/{account.AccountId}/quotas";
        Assert.Empty(Expect(await _admin.GetAsync(quotas), 200).Json.EnumerateArray());

        Expect(await _admin.PutAsync($"{quotas}/QueryEdgeDriverVersion", """{"limitPerSecond":3}"""), 204);
        Expect(await _admin.PutAsync($"{quotas}/*", """{"limitPerSecond":null}"""), 204);
        Expect(await _admin.PutAsync($"{quotas}/CreateEdgeDriver", """{"limitPerSecond":0}"""), 204);
        Expect(await _admin.PutAsync($"{quotas}/CreateEdgeDriver", """{"limitPerSecond":1000000}"""), 204);

        var listed = Expect(await _admin.GetAsync(quotas), 200).Json.EnumerateArray()
            .ToDictionary(q => q.GetProperty("action").GetString()!, q => q.GetProperty("limitPerSecond"));
        Assert.Equal(["*", "CreateEdgeDriver", "QueryEdgeDriverVersion"], listed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, listed["*"].ValueKind);
        Assert.Equal(1_000_000, listed["CreateEdgeDriver"].GetInt32());
        Assert.Equal(3, listed["QueryEdgeDriverVersion"].GetInt32());

        Expect(await _admin.DeleteAsync($"{quotas}/QueryEdgeDriverVersion"), 204);
        Assert.Equal(2, Expect(await _admin.GetAsync(quotas), 200).Json.GetArrayLength());

        foreach (var (action, body) in new[]
                 {
                     ("NoSuchAction", """{"limitPerSecond":3}"""), ("queryedgedriverversion", """{"limitPerSecond":3}"""),
                     ("QueryEdgeDriver", """{"limitPerSecond":-1}"""), ("QueryEdgeDriver", """{"limitPerSecond":1000001}"""),
                     ("QueryEdgeDriver", """{"limitPerSecond":"ten"}"""), ("QueryEdgeDriver", "nope"),
                 })
        {
            Expect(await _admin.PutAsync($"{quotas}/{action}", body), 400, "InvalidArgument");
        }

        Assert.Equal(2, Expect(await _admin.GetAsync(quotas), 200).Json.GetArrayLength());
    }
}
