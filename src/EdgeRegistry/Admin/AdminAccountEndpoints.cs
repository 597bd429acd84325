using EdgeRegistry.Accounts;
using EdgeRegistry.Changes;

namespace EdgeRegistry.Admin;

/// <summary>Accounts, their AccessKeys and RAM users. A secret is answered once, when its key is created.</summary>
public static class AdminAccountEndpoints
{
    public sealed record CreateAccount(string? Name);

    public sealed record CreateKey(string? UserName);

    public sealed record SetKeyEnabled(bool? Enabled);

    public sealed record CreateUser(string? UserName);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/accounts", (IAdminStore store, CancellationToken ct) => store.ListAccountsAsync(ct));
        admin.MapPost("/accounts", CreateAccountAsync);
        admin.MapGet("/accounts/{accountId}", async (string accountId, IAdminStore store, CancellationToken ct) =>
            await store.GetAccountAsync(accountId, ct) is { } account ? Results.Ok(account) : AdminApi.Outcome(AdminOutcome.AccountNotFound, Results.NoContent));

        admin.MapGet("/accounts/{accountId}/keys", ListKeysAsync);
        admin.MapPost("/accounts/{accountId}/keys", CreateKeyAsync);
        admin.MapMethods("/accounts/{accountId}/keys/{accessKeyId}", ["PATCH"], SetKeyEnabledAsync);
        admin.MapDelete("/accounts/{accountId}/keys/{accessKeyId}", async (string accountId, string accessKeyId, IAdminStore store, IChangeFeed changes, CancellationToken ct) =>
        {
            var outcome = await store.DeleteKeyAsync(accountId, accessKeyId, ct);
            await changes.PublishAsync(new AccessKeyChanged(accessKeyId), ct);
            return AdminApi.Outcome(outcome, Results.NoContent);
        });

        admin.MapGet("/accounts/{accountId}/users", async (string accountId, IAdminStore store, CancellationToken ct) =>
            await store.GetAccountAsync(accountId, ct) is null
                ? AdminApi.Outcome(AdminOutcome.AccountNotFound, Results.NoContent)
                : Results.Ok(await store.ListUsersAsync(accountId, ct)));
        admin.MapPost("/accounts/{accountId}/users", CreateUserAsync);
        admin.MapDelete("/accounts/{accountId}/users/{userName}", DeleteUserAsync);
    }

    /// <summary>The user's keys and cached permissions go at once: a user made again under the name starts with nothing.</summary>
    private static async Task<IResult> DeleteUserAsync(string accountId, string userName, IAdminStore store, IChangeFeed changes,
        CancellationToken ct)
    {
        var userKeys = await store.ListKeysAsync(accountId, userName, ct);
        var outcome = await store.DeleteUserAsync(accountId, userName, ct);
        foreach (var key in userKeys)
        {
            await changes.PublishAsync(new AccessKeyChanged(key.AccessKeyId), ct);
        }

        await changes.PublishAsync(new UserPoliciesChanged(accountId), ct);
        return AdminApi.Outcome(outcome, Results.NoContent);
    }

    private static async Task<IResult> CreateAccountAsync(HttpRequest request, IAccountStore accounts, IAdminStore store, SecretProtector protector, CancellationToken ct)
    {
        if (await AdminApi.ReadBodyAsync<CreateAccount>(request) is not { Name: { Length: >= 1 and <= 64 } name })
        {
            return AdminApi.Invalid("The body must be {\"name\": \"…\"} with a name of 1 to 64 characters.");
        }

        var accountId = AccessKeyGenerator.NewAccountId();
        await accounts.CreateAccountAsync(accountId, name, isDefault: false, ct);
        var (keyId, secret) = (AccessKeyGenerator.NewAccessKeyId(), AccessKeyGenerator.NewSecret());
        await store.AddKeyAsync(accountId, null, keyId, protector.Encrypt(secret), ct);
        var account = (await store.GetAccountAsync(accountId, ct))!;
        return Results.Created($"/admin/accounts/{accountId}",
            new { account.AccountId, account.Name, account.IsDefault, account.CreatedMs, accessKeyId = keyId, accessKeySecret = secret });
    }

    private static async Task<IResult> ListKeysAsync(string accountId, string? user, IAdminStore store, CancellationToken ct) =>
        await store.GetAccountAsync(accountId, ct) is null
            ? AdminApi.Outcome(AdminOutcome.AccountNotFound, Results.NoContent)
            : Results.Ok(await store.ListKeysAsync(accountId, user, ct));

    private static async Task<IResult> CreateKeyAsync(string accountId, HttpRequest request, IAdminStore store, SecretProtector protector, CancellationToken ct)
    {
        var body = await AdminApi.ReadOptionalBodyAsync(request, new CreateKey(null));
        if (body is null || (body.UserName is not null && !AdminApi.IsUserName(body.UserName)))
        {
            return AdminApi.Invalid("The body must be {} for a root key or {\"userName\": \"…\"} for a RAM user's key.");
        }

        var (keyId, secret) = (AccessKeyGenerator.NewAccessKeyId(), AccessKeyGenerator.NewSecret());
        var outcome = await store.AddKeyAsync(accountId, body.UserName, keyId, protector.Encrypt(secret), ct);
        if (outcome != AdminOutcome.Ok)
        {
            return AdminApi.Outcome(outcome, Results.NoContent);
        }

        // Answered as stored, so createdMs is what the listings show.
        var key = (await store.ListKeysAsync(accountId, body.UserName ?? "", ct)).First(k => k.AccessKeyId == keyId);
        return Results.Created($"/admin/accounts/{accountId}/keys/{keyId}",
            new { accessKeyId = keyId, accessKeySecret = secret, userName = key.UserName, enabled = key.Enabled, createdMs = key.CreatedMs });
    }

    private static async Task<IResult> SetKeyEnabledAsync(string accountId, string accessKeyId, HttpRequest request, IAdminStore store, IChangeFeed changes, CancellationToken ct)
    {
        if (await AdminApi.ReadBodyAsync<SetKeyEnabled>(request) is not { Enabled: { } enabled })
        {
            return AdminApi.Invalid("The body must be {\"enabled\": true} or {\"enabled\": false}.");
        }

        var outcome = await store.SetKeyEnabledAsync(accountId, accessKeyId, enabled, ct);
        await changes.PublishAsync(new AccessKeyChanged(accessKeyId), ct);
        return AdminApi.Outcome(outcome, Results.NoContent);
    }

    private static async Task<IResult> CreateUserAsync(string accountId, HttpRequest request, IAdminStore store, CancellationToken ct)
    {
        if (await AdminApi.ReadBodyAsync<CreateUser>(request) is not { UserName: var name } || !AdminApi.IsUserName(name))
        {
            return AdminApi.Invalid("The body must be {\"userName\": \"…\"}: 1 to 64 letters, digits, '.', '_' or '-'.");
        }

        var outcome = await store.CreateUserAsync(accountId, name!, ct);
        return outcome != AdminOutcome.Ok
            ? AdminApi.Outcome(outcome, Results.NoContent)
            : Results.Created($"/admin/accounts/{accountId}/users/{name}", (await store.ListUsersAsync(accountId, ct)).First(u => u.UserName == name));
    }
}
