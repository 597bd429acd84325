using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

/// <summary>Deletes an unpublished version and the packages presigned for it; a published one is immutable.</summary>
public sealed class DeleteEdgeDriverVersion(IDriverStore store, IBlobStore blobs) : RpcOperation<VersionKey>
{
    public override string Action => nameof(DeleteEdgeDriverVersion);

    protected override VersionKey Bind(ParameterReader p) => VersionKey.Bind(p);

    protected override async Task<IWireObject> HandleAsync(VersionKey request, TenantScope scope, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteVersionAsync(scope, request.DriverId, request.Version, cancellationToken);
        deleted.Outcome.ThrowIfFailed();
        await blobs.DeleteAllAsync(deleted.Value!);
        return EmptyBody.Instance;
    }
}
