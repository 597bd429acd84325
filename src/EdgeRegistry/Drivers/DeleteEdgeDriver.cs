using EdgeRegistry.Accounts;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

/// <summary>Deletes a driver with its unpublished versions; refused while any version is published.</summary>
public sealed class DeleteEdgeDriver(IDriverStore store) : RpcOperation<string>
{
    public override string Action => nameof(DeleteEdgeDriver);

    protected override string Bind(ParameterReader p) => p.Required("DriverId");

    protected override async Task<IWireObject> HandleAsync(string driverId, TenantScope scope, CancellationToken cancellationToken)
    {
        (await store.DeleteDriverAsync(scope, driverId, cancellationToken)).ThrowIfFailed();
        return EmptyBody.Instance;
    }
}
