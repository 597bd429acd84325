using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

public sealed class GetEdgeDriverVersion(IDriverStore store, IObjectLinks links) : RpcOperation<VersionKey>
{
    public override string Action => nameof(GetEdgeDriverVersion);

    protected override VersionKey Bind(ParameterReader p) => VersionKey.Bind(p);

    protected override async Task<IWireObject> HandleAsync(VersionKey request, TenantScope scope, CancellationToken cancellationToken)
    {
        var result = await store.GetVersionAsync(scope, request.DriverId, request.Version, cancellationToken);
        result.Outcome.ThrowIfFailed();
        return new DataBody(new DriverVersionView(result.Value!, links));
    }
}
