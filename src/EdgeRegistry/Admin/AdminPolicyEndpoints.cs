using System.Security.Cryptography;
using EdgeRegistry.Accounts;
using EdgeRegistry.Changes;
using EdgeRegistry.Rpc;

namespace EdgeRegistry.Admin;

/// <summary>Policies and their attachments, Enterprise instances and quota overrides of an account.</summary>
public static class AdminPolicyEndpoints
{
    public sealed record CreateInstance(string? InstanceId);

    public sealed record SetQuota(int? LimitPerSecond);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/accounts/{accountId}/policies", async (string accountId, IAdminStore store, CancellationToken ct) =>
            await store.GetAccountAsync(accountId, ct) is null
                ? AdminApi.Outcome(AdminOutcome.AccountNotFound, Results.NoContent)
                : Results.Ok(await store.ListPoliciesAsync(accountId, ct)));
        admin.MapPut("/accounts/{accountId}/policies/{policyName}", PutPolicyAsync);
        admin.MapDelete("/accounts/{accountId}/policies/{policyName}", async (string accountId, string policyName, IAdminStore store, IChangeFeed changes, CancellationToken ct) =>
        {
            var outcome = await store.DeletePolicyAsync(accountId, policyName, ct);
            await changes.PublishAsync(new UserPoliciesChanged(accountId), ct);
            return AdminApi.Outcome(outcome, Results.NoContent);
        });
        admin.MapPut("/accounts/{accountId}/users/{userName}/policies/{policyName}",
            async (string accountId, string userName, string policyName, IAdminStore store, IChangeFeed changes, CancellationToken ct) =>
            {
                var outcome = await store.AttachPolicyAsync(accountId, userName, policyName, ct);
                await changes.PublishAsync(new UserPoliciesChanged(accountId), ct);
                return AdminApi.Outcome(outcome, Results.NoContent);
            });
        admin.MapDelete("/accounts/{accountId}/users/{userName}/policies/{policyName}",
            async (string accountId, string userName, string policyName, IAdminStore store, IChangeFeed changes, CancellationToken ct) =>
            {
                var outcome = await store.DetachPolicyAsync(accountId, userName, policyName, ct);
                await changes.PublishAsync(new UserPoliciesChanged(accountId), ct);
                return AdminApi.Outcome(outcome, Results.NoContent);
            });

        admin.MapGet("/accounts/{accountId}/instances", async (string accountId, IAdminStore store, CancellationToken ct) =>
            await store.GetAccountAsync(accountId, ct) is null
                ? AdminApi.Outcome(AdminOutcome.AccountNotFound, Results.NoContent)
                : Results.Ok(await store.ListInstancesAsync(accountId, ct)));
        admin.MapPost("/accounts/{accountId}/instances", CreateInstanceAsync);
        admin.MapDelete("/accounts/{accountId}/instances/{instanceId}", async (string accountId, string instanceId, IAdminStore store, CancellationToken ct) =>
            AdminApi.Outcome(await store.DeleteInstanceAsync(accountId, instanceId, ct), Results.NoContent));

        admin.MapGet("/accounts/{accountId}/quotas", async (string accountId, IAdminStore store, CancellationToken ct) =>
            await store.GetAccountAsync(accountId, ct) is null
                ? AdminApi.Outcome(AdminOutcome.AccountNotFound, Results.NoContent)
                : Results.Ok((await store.ListQuotaOverridesAsync(accountId, ct)).Select(q => new { q.Action, q.LimitPerSecond })));
        admin.MapPut("/accounts/{accountId}/quotas/{action}", SetQuotaAsync);
        admin.MapDelete("/accounts/{accountId}/quotas/{action}", async (string accountId, string action, IAdminStore store, IChangeFeed changes, CancellationToken ct) =>
        {
            var outcome = await store.RemoveQuotaOverrideAsync(accountId, action, ct);
            await changes.PublishAsync(new QuotaOverridesChanged(accountId), ct);
            return AdminApi.Outcome(outcome, Results.NoContent);
        });
    }

    private static async Task<IResult> PutPolicyAsync(string accountId, string policyName, HttpRequest request, IAdminStore store, IChangeFeed changes, CancellationToken ct)
    {
        if (!AdminApi.IsPolicyName(policyName))
        {
            return AdminApi.Invalid("A policy name is 1 to 128 letters, digits or '-'.");
        }

        using var reader = new StreamReader(request.Body);
        var document = await reader.ReadToEndAsync(ct);
        if (AccessPolicies.Validate(document) is { } problem)
        {
            return AdminApi.Invalid($"The policy document is not valid: {problem}");
        }

        var outcome = await store.PutPolicyAsync(accountId, policyName, document, ct);
        await changes.PublishAsync(new UserPoliciesChanged(accountId), ct);
        return outcome != AdminOutcome.Ok
            ? AdminApi.Outcome(outcome, Results.NoContent)
            : Results.Ok((await store.ListPoliciesAsync(accountId, ct)).First(p => p.PolicyName == policyName));
    }

    private static async Task<IResult> CreateInstanceAsync(string accountId, HttpRequest request, IAdminStore store, CancellationToken ct)
    {
        var body = await AdminApi.ReadOptionalBodyAsync(request, new CreateInstance(null));
        var instanceId = body?.InstanceId ?? "iot-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);
        if (body is null || !AdminApi.IsInstanceId(instanceId))
        {
            return AdminApi.Invalid("The body must be {} or {\"instanceId\": \"iot-…\"} with 4 to 32 lowercase letters and digits after iot-.");
        }

        var outcome = await store.CreateInstanceAsync(accountId, instanceId, ct);
        return outcome != AdminOutcome.Ok
            ? AdminApi.Outcome(outcome, Results.NoContent)
            : Results.Created($"/admin/accounts/{accountId}/instances/{instanceId}",
                (await store.ListInstancesAsync(accountId, ct)).First(i => i.InstanceId == instanceId));
    }

    private static async Task<IResult> SetQuotaAsync(string accountId, string action, HttpRequest request, IAdminStore store, IChangeFeed changes,
        ActionTable actions, CancellationToken ct)
    {
        if (action != "*" && !actions.IsKnown(action))
        {
            return AdminApi.Invalid($"\"{action}\" is neither an Iot action nor *.");
        }

        if (await AdminApi.ReadBodyAsync<SetQuota>(request) is not { } body || body.LimitPerSecond is < 0 or > 1_000_000)
        {
            return AdminApi.Invalid("The body must be {\"limitPerSecond\": N} with N from 0 to 1000000, or {\"limitPerSecond\": null} for unlimited.");
        }

        var outcome = await store.SetQuotaOverrideAsync(new QuotaOverride(accountId, action, body.LimitPerSecond), ct);
        await changes.PublishAsync(new QuotaOverridesChanged(accountId), ct);
        return AdminApi.Outcome(outcome, Results.NoContent);
    }
}
