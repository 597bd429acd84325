using System.Text.Json;
using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;

namespace EdgeRegistry.Admin;

/// <summary>
/// An account's limit on stored package bytes (<c>GET</c>/<c>PUT /admin/accounts/{id}/storage</c>). The limit is read
/// from the store by every presign and every upload commit, so a change applies at once, on every replica.
/// </summary>
public static class AdminStorageEndpoints
{
    private const string BodyRule = "The body must be {\"limitBytes\": N} with N a whole number of bytes from 0, or {\"limitBytes\": null} for unlimited.";

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/accounts/{accountId}/storage", async (string accountId, IAdminStore store, IObjectCatalog catalog, CancellationToken ct) =>
            await store.GetAccountAsync(accountId, ct) is null
                ? AdminApi.Outcome(AdminOutcome.AccountNotFound, Results.NoContent)
                : Results.Ok(View(await catalog.StorageUsageAsync(accountId, ct))));
        admin.MapPut("/accounts/{accountId}/storage", SetAsync);
    }

    private static async Task<IResult> SetAsync(string accountId, HttpRequest request, IAdminStore store, IObjectCatalog catalog, CancellationToken ct)
    {
        if (await ReadLimitAsync(request) is not { } limit)
        {
            return AdminApi.Invalid(BodyRule);
        }

        var outcome = await store.SetStorageLimitAsync(accountId, limit.Bytes, ct);
        return outcome != AdminOutcome.Ok
            ? AdminApi.Outcome(outcome, Results.NoContent)
            : Results.Ok(View(await catalog.StorageUsageAsync(accountId, ct)));
    }

    private static object View(StorageUsage usage) => new { usage.StoredBytes, usage.LimitBytes };

    private sealed record Limit(long? Bytes);

    /// <summary>The limit of a body that names it explicitly (a missing field is not taken for "unlimited"); null when malformed.</summary>
    private static async Task<Limit?> ReadLimitAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("limitBytes", out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.Null => new Limit(null),
                JsonValueKind.Number when value.TryGetInt64(out var bytes) && bytes >= 0 => new Limit(bytes),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
