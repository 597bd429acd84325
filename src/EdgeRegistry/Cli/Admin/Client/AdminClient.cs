using System.Text;
using System.Text.Json;

namespace EdgeRegistry.Cli.Admin.Client;

/// <summary>
/// The admin API (docs/admin-api.md) as typed calls: the one place that knows its routes and JSON shapes.
/// The <see cref="HttpClient"/> carries the server's base address and the operator token.
/// </summary>
public sealed class AdminClient(HttpClient http)
{
    public Task<IReadOnlyList<AdminAccount>> ListAccountsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AdminAccount>>(HttpMethod.Get, "admin/accounts", null, cancellationToken);

    public Task<AdminCreatedAccount> CreateAccountAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<AdminCreatedAccount>(HttpMethod.Post, "admin/accounts", Json(new CreateAccountRequest(name)), cancellationToken);

    public Task<AdminAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        SendAsync<AdminAccount>(HttpMethod.Get, Account(accountId), null, cancellationToken);

    /// <param name="userName">null: every key of the account; empty: root keys only; else that RAM user's keys.</param>
    public Task<IReadOnlyList<AdminAccessKey>> ListKeysAsync(string accountId, string? userName, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AdminAccessKey>>(
            HttpMethod.Get,
            Account(accountId, "keys") + (userName is null ? "" : "?user=" + Uri.EscapeDataString(userName)),
            null,
            cancellationToken);

    /// <param name="userName">The RAM user to own the key; null for a root key.</param>
    public Task<AdminCreatedAccessKey> CreateKeyAsync(string accountId, string? userName, CancellationToken cancellationToken) =>
        SendAsync<AdminCreatedAccessKey>(HttpMethod.Post, Account(accountId, "keys"), Json(new CreateKeyRequest(userName)), cancellationToken);

    public Task SetKeyEnabledAsync(string accountId, string accessKeyId, bool enabled, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, Account(accountId, "keys", accessKeyId), Json(new SetKeyEnabledRequest(enabled)), cancellationToken);

    public Task DeleteKeyAsync(string accountId, string accessKeyId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Account(accountId, "keys", accessKeyId), null, cancellationToken);

    public Task<IReadOnlyList<AdminRamUser>> ListUsersAsync(string accountId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AdminRamUser>>(HttpMethod.Get, Account(accountId, "users"), null, cancellationToken);

    public Task<AdminRamUser> CreateUserAsync(string accountId, string userName, CancellationToken cancellationToken) =>
        SendAsync<AdminRamUser>(HttpMethod.Post, Account(accountId, "users"), Json(new CreateUserRequest(userName)), cancellationToken);

    public Task DeleteUserAsync(string accountId, string userName, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Account(accountId, "users", userName), null, cancellationToken);

    public Task<IReadOnlyList<AdminPolicy>> ListPoliciesAsync(string accountId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AdminPolicy>>(HttpMethod.Get, Account(accountId, "policies"), null, cancellationToken);

    /// <param name="document">The policy document, sent as it is: the server names what is wrong with it.</param>
    public Task<AdminPolicy> PutPolicyAsync(string accountId, string policyName, string document, CancellationToken cancellationToken) =>
        SendAsync<AdminPolicy>(
            HttpMethod.Put,
            Account(accountId, "policies", policyName),
            new StringContent(document, Encoding.UTF8, "application/json"),
            cancellationToken);

    public Task DeletePolicyAsync(string accountId, string policyName, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Account(accountId, "policies", policyName), null, cancellationToken);

    public Task AttachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Account(accountId, "users", userName, "policies", policyName), null, cancellationToken);

    public Task DetachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Account(accountId, "users", userName, "policies", policyName), null, cancellationToken);

    public Task<IReadOnlyList<AdminInstance>> ListInstancesAsync(string accountId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AdminInstance>>(HttpMethod.Get, Account(accountId, "instances"), null, cancellationToken);

    /// <param name="instanceId">null: the server generates one.</param>
    public Task<AdminInstance> CreateInstanceAsync(string accountId, string? instanceId, CancellationToken cancellationToken) =>
        SendAsync<AdminInstance>(HttpMethod.Post, Account(accountId, "instances"), Json(new CreateInstanceRequest(instanceId)), cancellationToken);

    public Task DeleteInstanceAsync(string accountId, string instanceId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Account(accountId, "instances", instanceId), null, cancellationToken);

    public Task<IReadOnlyList<AdminQuota>> ListQuotasAsync(string accountId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AdminQuota>>(HttpMethod.Get, Account(accountId, "quotas"), null, cancellationToken);

    /// <param name="limitPerSecond">null: unlimited.</param>
    public Task SetQuotaAsync(string accountId, string action, int? limitPerSecond, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Account(accountId, "quotas", action), Json(new SetQuotaRequest(limitPerSecond)), cancellationToken);

    public Task<AdminStorage> GetStorageAsync(string accountId, CancellationToken cancellationToken) =>
        SendAsync<AdminStorage>(HttpMethod.Get, Account(accountId, "storage"), null, cancellationToken);

    /// <param name="limitBytes">null for unlimited.</param>
    public Task<AdminStorage> SetStorageLimitAsync(string accountId, long? limitBytes, CancellationToken cancellationToken) =>
        SendAsync<AdminStorage>(HttpMethod.Put, Account(accountId, "storage"), Json(new SetStorageLimitRequest(limitBytes)), cancellationToken);

    public Task ResetQuotaAsync(string accountId, string action, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Account(accountId, "quotas", action), null, cancellationToken);

    /// <summary>A path under <c>admin/accounts/{accountId}</c>, relative so a server URL with a path prefix works.</summary>
    private static string Account(string accountId, params string[] segments) =>
        string.Join('/', ["admin/accounts", Segment(accountId), .. segments.Select(Segment)]);

    // `*` (every action) is legal in a path segment and reads better in access logs than %2A.
    private static string Segment(string value) => Uri.EscapeDataString(value).Replace("%2A", "*", StringComparison.Ordinal);

    private static JsonContent Json<T>(T body) => JsonContent.Create(body, options: AdminJson.Wire);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendCheckedAsync(method, path, content, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(AdminJson.Wire, cancellationToken)
            ?? throw new JsonException($"{method} /{path} answered null");
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendCheckedAsync(method, path, content, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorFromAsync(response, cancellationToken);
        }
    }

    private static async Task<AdminApiException> ErrorFromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        AdminError? error = null;
        try
        {
            error = JsonSerializer.Deserialize<AdminError>(body, AdminJson.Wire);
        }
        catch (JsonException)
        {
            // Not the API's error shape: a proxy or a different server answered; the status line still says what happened.
        }

        var status = (int)response.StatusCode;
        var message = string.IsNullOrEmpty(error?.Message) ? $"{status} {response.ReasonPhrase}".TrimEnd() : error.Message;
        return new AdminApiException(response.StatusCode, string.IsNullOrEmpty(error?.Code) ? null : error.Code, message);
    }
}
