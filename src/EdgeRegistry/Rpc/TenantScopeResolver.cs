using EdgeRegistry.Accounts;
using EdgeRegistry.Auth;

namespace EdgeRegistry.Rpc;

/// <summary>Turns the caller and <c>IotInstanceId</c> into the scope an operation acts in.</summary>
public sealed class TenantScopeResolver(IAccountStore accounts)
{
    /// <summary>Absent or empty = the account's public instance; otherwise an instance of the caller's own account.</summary>
    public async Task<TenantScope> ResolveAsync(Caller caller, string? iotInstanceId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(iotInstanceId))
        {
            return new TenantScope(caller.AccountId, "");
        }

        return await accounts.InstanceExistsAsync(caller.AccountId, iotInstanceId, cancellationToken)
            ? new TenantScope(caller.AccountId, iotInstanceId)
            : throw RpcErrors.InstanceNotFound();
    }
}
