using EdgeRegistry.Accounts;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

/// <summary>Publishes a version (VersionState 0 → 1). There is no way back; releasing twice changes nothing.</summary>
public sealed class ReleaseEdgeDriverVersion(IDriverStore store, TimeProvider time) : RpcOperation<VersionKey>
{
    public override string Action => nameof(ReleaseEdgeDriverVersion);

    protected override VersionKey Bind(ParameterReader p) => VersionKey.Bind(p);

    protected override async Task<IWireObject> HandleAsync(VersionKey request, TenantScope scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        (await store.ReleaseVersionAsync(scope, request.DriverId, request.Version, now, cancellationToken)).ThrowIfFailed();
        return EmptyBody.Instance;
    }
}
