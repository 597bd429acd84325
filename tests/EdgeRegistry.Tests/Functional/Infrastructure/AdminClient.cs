using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>One answer of the admin API: status, headers (lower-case names), body text and, when JSON, the parsed body.</summary>
public sealed record AdminResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public override string ToString() => $"HTTP {Status} {Header("content-type")}\n{Body}";
}

/// <summary>A new account as <c>POST /admin/accounts</c> answers it: its id and its first root key.</summary>
public sealed record NewAccount(string AccountId, string AccessKeyId, string AccessKeySecret);

/// <summary>An AccessKey pair as the admin API hands it out once.</summary>
public sealed record NewKey(string AccessKeyId, string AccessKeySecret);

/// <summary>
/// The admin API (docs/admin-api.md) over plain HTTP with the operator token. <see cref="SendAsync"/> returns any
/// answer; the typed helpers are the steps tests take on the way and assert that they succeeded.
/// </summary>
public sealed class AdminClient(HttpClient http, string? token = TestServer.AdminToken)
{
    /// <summary>Lets a RAM user call every Iot action.</summary>
    public const string AllowAll = """{"Version":"1","Statement":[{"Effect":"Allow","Action":["iot:*"],"Resource":["*"]}]}""";

    private static int _counter;

    public static string Policy(string effect, params string[] actions) =>
        $$"""{"Version":"1","Statement":[{"Effect":"{{effect}}","Action":{{JsonSerializer.Serialize(actions)}},"Resource":["*"]}]}""";

    /// <summary>A name no other test uses: letters, digits and '-' (valid as user, policy and account name).</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<AdminResponse> SendAsync(HttpMethod method, string path, string? json = null, string? authorization = "default")
    {
        using var request = new HttpRequestMessage(method, path);
        var header = authorization == "default" ? (token is null ? null : "Bearer " + token) : authorization;
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var answer = await http.SendAsync(request);
        var headers = answer.Headers.NonValidated.Concat(answer.Content.Headers.NonValidated)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value), StringComparer.Ordinal);
        return new AdminResponse((int)answer.StatusCode, headers, await answer.Content.ReadAsStringAsync());
    }

    public Task<AdminResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<AdminResponse> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<AdminResponse> PutAsync(string path, string? json = null) => SendAsync(HttpMethod.Put, path, json);

    public Task<AdminResponse> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public Task<AdminResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Asserts the status (and, for errors, the documented <c>{"code","message"}</c> body with that code).</summary>
    public static AdminResponse Expect(AdminResponse response, int status, string? code = null)
    {
        Assert.True(response.Status == status, $"Expected HTTP {status} {code}, got {response}");
        if (code is not null)
        {
            Assert.StartsWith("application/json", response.Header("content-type"), StringComparison.Ordinal);
            Assert.Equal(["code", "message"], response.Json.EnumerateObject().Select(p => p.Name));
            Assert.Equal(code, response.Json.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(response.Json.GetProperty("message").GetString()));
        }

        return response;
    }

    public async Task<NewAccount> CreateAccountAsync(string? name = null)
    {
        var json = Expect(await PostAsync("/admin/accounts", JsonSerializer.Serialize(new { name = name ?? UniqueName("acct") })), 201).Json;
        return new NewAccount(json.GetProperty("accountId").GetString()!, json.GetProperty("accessKeyId").GetString()!,
            json.GetProperty("accessKeySecret").GetString()!);
    }

    /// <summary>The id of the account the server made at first start (the configured root key's).</summary>
    public async Task<string> DefaultAccountIdAsync() =>
        Expect(await GetAsync("/admin/accounts"), 200).Json.EnumerateArray()
            .Single(a => a.GetProperty("isDefault").GetBoolean()).GetProperty("accountId").GetString()!;

    public async Task<NewKey> CreateKeyAsync(string accountId, string? userName = null)
    {
        var body = userName is null ? "{}" : JsonSerializer.Serialize(new { userName });
        var json = Expect(await PostAsync($"/admin/accounts/{accountId}/keys", body), 201).Json;
        return new NewKey(json.GetProperty("accessKeyId").GetString()!, json.GetProperty("accessKeySecret").GetString()!);
    }

    public async Task CreateUserAsync(string accountId, string userName) =>
        Expect(await PostAsync($"/admin/accounts/{accountId}/users", JsonSerializer.Serialize(new { userName })), 201);

    public async Task PutPolicyAsync(string accountId, string policyName, string document) =>
        Expect(await PutAsync($"/admin/accounts/{accountId}/policies/{policyName}", document), 200);

    public async Task AttachAsync(string accountId, string userName, string policyName) =>
        Expect(await PutAsync($"/admin/accounts/{accountId}/users/{userName}/policies/{policyName}"), 204);

    /// <summary>A RAM user with one key and the given policy documents attached (none: no permission at all).</summary>
    public async Task<NewKey> CreateRamUserAsync(string accountId, params string[] policies)
    {
        var user = UniqueName("user");
        await CreateUserAsync(accountId, user);
        foreach (var document in policies)
        {
            var name = UniqueName("pol");
            await PutPolicyAsync(accountId, name, document);
            await AttachAsync(accountId, user, name);
        }

        return await CreateKeyAsync(accountId, user);
    }

    public async Task<string> CreateInstanceAsync(string accountId, string? instanceId = null)
    {
        var body = instanceId is null ? "{}" : JsonSerializer.Serialize(new { instanceId });
        return Expect(await PostAsync($"/admin/accounts/{accountId}/instances", body), 201).Json.GetProperty("instanceId").GetString()!;
    }

    public async Task SetQuotaAsync(string accountId, string action, int? limitPerSecond) =>
        Expect(await PutAsync($"/admin/accounts/{accountId}/quotas/{Uri.EscapeDataString(action)}",
            JsonSerializer.Serialize(new { limitPerSecond })), 204);

    public async Task SetKeyEnabledAsync(string accountId, string accessKeyId, bool enabled) =>
        Expect(await PatchAsync($"/admin/accounts/{accountId}/keys/{accessKeyId}", JsonSerializer.Serialize(new { enabled })), 204);
}

public static class AdminClientExtensions
{
    /// <summary>The admin API of a running test server, with its operator token.</summary>
    public static AdminClient Admin(this TestServer server) => new(server.Http);

    public static RpcTestClient ClientFor(this TestServer server, NewAccount account) => server.ClientFor(account.AccessKeyId, account.AccessKeySecret);

    public static RpcTestClient ClientFor(this TestServer server, NewKey key) => server.ClientFor(key.AccessKeyId, key.AccessKeySecret);
}
