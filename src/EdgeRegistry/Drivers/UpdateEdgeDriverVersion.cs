using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

/// <summary>A full replace of an unpublished version: an optional parameter left out clears the stored value.</summary>
public sealed class UpdateEdgeDriverVersion(IDriverStore store, PackageReferences references, TimeProvider time) : RpcOperation<VersionParameters>
{
    public override string Action => nameof(UpdateEdgeDriverVersion);

    protected override VersionParameters Bind(ParameterReader p) => VersionParameters.Bind(p);

    protected override async Task<IWireObject> HandleAsync(VersionParameters request, TenantScope scope, CancellationToken cancellationToken)
    {
        var objects = await references.ResolveAsync(scope, request.DriverId, request.Content, cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var outcome = await store.ReplaceVersionAsync(scope, request.DriverId, request.Version, request.Content, objects, now, cancellationToken);
        if (outcome == StoreOutcome.ObjectNotFound)
        {
            throw await references.RemovedObjectErrorAsync(scope, request.DriverId, request.Content, cancellationToken);
        }

        outcome.ThrowIfFailed();
        return EmptyBody.Instance;
    }
}
