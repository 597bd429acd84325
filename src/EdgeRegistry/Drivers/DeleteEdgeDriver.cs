using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

/// <summary>Deletes a driver with its unpublished versions and their packages; refused while any version is published.</summary>
public sealed class DeleteEdgeDriver(IDriverStore store, IBlobStore blobs) : RpcOperation<string>
{
    public override string Action => nameof(DeleteEdgeDriver);

    protected override string Bind(ParameterReader p) => p.Required("DriverId");

    protected override async Task<IWireObject> HandleAsync(string driverId, TenantScope scope, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteDriverAsync(scope, driverId, cancellationToken);
        deleted.Outcome.ThrowIfFailed();
        await blobs.DeleteAllAsync(deleted.Value!);
        return EmptyBody.Instance;
    }
}
