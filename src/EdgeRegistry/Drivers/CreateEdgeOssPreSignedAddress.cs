using System.Security.Cryptography;
using System.Text;
using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

/// <summary>
/// Hands out an object URL for a driver version's code package, default config file or per-instance config file,
/// and a link to PUT its bytes to for five minutes. The version need not exist yet for a package or default config
/// (the usual flow uploads first and creates the version with the address), but must not be published; a
/// per-instance config belongs to an existing version.
/// </summary>
public sealed class CreateEdgeOssPreSignedAddress(IDriverStore drivers, IObjectCatalog catalog, IObjectLinks links, TimeProvider time)
    : RpcOperation<CreateEdgeOssPreSignedAddress.Request>
{
    public sealed record Request(string Type, string DriverId, string Version, string FileName, string InstanceId);

    public override string Action => nameof(CreateEdgeOssPreSignedAddress);

    protected override Request Bind(ParameterReader p)
    {
        var type = p.Required("Type");
        if (!ObjectKinds.All.Contains(type))
        {
            throw RpcErrors.InvalidParam($"Type must be one of {string.Join(", ", ObjectKinds.All)}; got \"{type}\".");
        }

        var instanceId = p.Optional("InstanceId");
        if (type == ObjectKinds.InstanceConfig && instanceId is null)
        {
            throw RpcErrors.InvalidParam("InstanceId is required when Type is INSTANCE_DRIVER_VERSION_CONFIG.");
        }

        return new Request(type, p.Required("ResourceId"), DriverRules.DriverVersion(p.Required("ResourceVersion"), "ResourceVersion"),
            DriverRules.FileName(p.Required("FileName")), type == ObjectKinds.InstanceConfig ? instanceId! : "");
    }

    protected override async Task<IWireObject> HandleAsync(Request request, TenantScope scope, CancellationToken cancellationToken)
    {
        await RequireVersionTakesObjectAsync(request, scope, cancellationToken);
        // The size is not known yet: refused only when the account has no byte left; the PUT checks the real size.
        if (await catalog.StorageUsageAsync(scope.AccountId, cancellationToken) is { LimitBytes: { } limit } usage && !usage.Allows(1))
        {
            throw RpcErrors.StorageQuotaExceeded(usage.StoredBytes, limit);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        string key;
        // The reference layout has no room for the edge instance, so a key already handed out for another
        // registration in the same millisecond moves this one to the next millisecond.
        for (var ms = now; ; ms++)
        {
            key = $"driver/{AccountHash(scope.AccountId)}/{request.Type}/{request.DriverId}/{request.Version}/{ms}/{request.FileName}";
            var registration = new StoredObject(key, scope.AccountId, scope.InstanceId, request.Type, request.DriverId,
                request.Version, request.InstanceId, request.FileName, now);
            var outcome = await catalog.RegisterAsync(registration, cancellationToken);
            if (outcome == RegisterOutcome.Refused)
            {
                // The driver was deleted (or the version published or deleted) since the check above: checking again
                // says which, as if this request had come after that change.
                await RequireVersionTakesObjectAsync(request, scope, cancellationToken);
                throw RpcErrors.DriverNotExist();
            }

            if (outcome == RegisterOutcome.Registered)
            {
                break;
            }
        }

        return new DataBody(new Addresses(links.ObjectUrl(key), links.Presigned(key, HttpMethods.Put)));
    }

    private async Task RequireVersionTakesObjectAsync(Request request, TenantScope scope, CancellationToken cancellationToken)
    {
        var existing = await drivers.GetVersionAsync(scope, request.DriverId, request.Version, cancellationToken);
        switch (existing.Outcome)
        {
            case StoreOutcome.DriverNotFound:
                throw RpcErrors.DriverNotExist();
            case StoreOutcome.VersionNotFound when request.Type == ObjectKinds.InstanceConfig:
                throw RpcErrors.DriverVersionNotExist();
            case StoreOutcome.Ok when existing.Value!.Published && request.Type != ObjectKinds.InstanceConfig:
                throw RpcErrors.DriverVersionPublished();
        }
    }

    /// <summary>The reference layout puts a hash of the account, not the account id, in every key.</summary>
    private static string AccountHash(string accountId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountId)))[..32];

    private sealed record Addresses(string OssAddress, string OssPreSignedAddress) : IWireObject
    {
        public void WriteTo(IWireWriter writer)
        {
            writer.String("OssAddress", OssAddress);
            writer.String("OssPreSignedAddress", OssPreSignedAddress);
        }
    }
}
