using EdgeRegistry.Accounts;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

/// <summary>Unknown ids (including other tenants' ids) are left out of the list, without an error.</summary>
public sealed class BatchGetEdgeDriver(IDriverStore store) : RpcOperation<BatchGetEdgeDriver.Request>
{
    public const int MaxIds = 30;

    public sealed record Request(IReadOnlyList<string> DriverIds);

    public override string Action => nameof(BatchGetEdgeDriver);

    protected override Request Bind(ParameterReader p)
    {
        var ids = p.List("DriverIds");
        if (ids.Count == 0)
        {
            throw RpcErrors.MissingOperationParameter("DriverIds");
        }

        DriverRules.Limit("DriverIds", ids.Count, MaxIds);
        return new Request(ids);
    }

    protected override async Task<IWireObject> HandleAsync(Request request, TenantScope scope, CancellationToken cancellationToken)
    {
        var drivers = await store.GetDriversAsync(scope, request.DriverIds, cancellationToken);
        return new ListBody("DriverList", "Driver", [.. drivers.Select(d => new DriverView(d, WithIsApply: false))]);
    }
}
