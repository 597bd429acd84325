using EdgeRegistry.Accounts;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

/// <summary>Deletes an unpublished version; a published one is immutable.</summary>
public sealed class DeleteEdgeDriverVersion(IDriverStore store) : RpcOperation<VersionKey>
{
    public override string Action => nameof(DeleteEdgeDriverVersion);

    protected override VersionKey Bind(ParameterReader p) => VersionKey.Bind(p);

    protected override async Task<IWireObject> HandleAsync(VersionKey request, TenantScope scope, CancellationToken cancellationToken)
    {
        (await store.DeleteVersionAsync(scope, request.DriverId, request.Version, cancellationToken)).ThrowIfFailed();
        return EmptyBody.Instance;
    }
}
