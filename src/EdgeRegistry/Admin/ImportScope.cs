using System.Text.RegularExpressions;
using EdgeRegistry.Accounts;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Admin;

/// <summary>
/// Where an import writes (an account and maybe one of its Enterprise instances) and the checks every import route
/// makes first: the account and instance exist, and a DriverId that exists lives in this scope — ids are global, so
/// one held by another account (or instance) is refused rather than shadowed.
/// </summary>
public static partial class ImportScope
{
    /// <summary>The scope, or the error to answer; <paramref name="driverId"/> must then be absent or in this scope.</summary>
    public static async Task<(TenantScope? Scope, IResult? Error)> ResolveAsync(string accountId, string? instance, string driverId,
        IAdminStore admin, IDriverImportStore imports, CancellationToken cancellationToken)
    {
        if (!DriverIdPattern().IsMatch(driverId))
        {
            return (null, AdminApi.Invalid("A DriverId is 1 to 64 letters, digits, '_' or '-'."));
        }

        var instanceId = instance ?? "";
        if (instanceId.Length > 0 && !AdminApi.IsInstanceId(instanceId))
        {
            return (null, AdminApi.Invalid("instance must be an Enterprise instance id (iot-…), or left out for the public instance."));
        }

        if (await admin.GetAccountAsync(accountId, cancellationToken) is null)
        {
            return (null, AdminApi.Outcome(AdminOutcome.AccountNotFound, Results.NoContent));
        }

        if (instanceId.Length > 0 && !(await admin.ListInstancesAsync(accountId, cancellationToken)).Any(i => i.InstanceId == instanceId))
        {
            return (null, AdminApi.Outcome(AdminOutcome.InstanceNotFound, Results.NoContent));
        }

        var scope = new TenantScope(accountId, instanceId);
        var holder = await imports.FindDriverScopeAsync(driverId, cancellationToken);
        if (holder is not null && holder != scope)
        {
            var where = holder.AccountId == accountId ? $"instance '{Describe(holder.InstanceId)}' of this account" : $"account {holder.AccountId}";
            return (null, AdminApi.Error(409, "DriverIdTaken",
                $"DriverId {driverId} already exists in {where}; DriverIds are global, so it cannot be imported into {Describe(scope)}."));
        }

        return (scope, null);
    }

    public static string Describe(TenantScope scope) => $"account {scope.AccountId}, {Describe(scope.InstanceId)}";

    /// <summary>An <see cref="Rpc.RpcException"/> from the shared driver rules, as the admin API's 400.</summary>
    public static IResult Invalid(Rpc.RpcException e) => AdminApi.Invalid(e.Message);

    private static string Describe(string instanceId) => instanceId.Length == 0 ? "the public instance" : "instance " + instanceId;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z")]
    private static partial Regex DriverIdPattern();
}
