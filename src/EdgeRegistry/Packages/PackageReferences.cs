using System.Text.Json;
using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Rpc;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Packages;

/// <summary>
/// Checks that the objects a version names were uploaded by this tenant for this driver, and of the right kind:
/// <c>SourceConfig.ossAddress</c> a code package, each FILE entry of <c>DriverConfig</c> a default config file.
/// An object of another tenant is reported exactly like one that does not exist.
/// </summary>
public sealed class PackageReferences(IObjectCatalog catalog, IObjectLinks links, IDriverStore drivers)
{
    public async Task<ObjectReferences> ResolveAsync(TenantScope scope, string driverId, DriverVersionContent content, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? sourceKey = null;
        if (AddressIn(content.SourceConfig) is { } address)
        {
            sourceKey = await RequireAsync(scope, driverId, "SourceConfig.ossAddress", address, ObjectKinds.DriverPackage, cancellationToken);
            keys.Add(sourceKey);
        }

        foreach (var (path, url) in FileConfigs(content.DriverConfig))
        {
            keys.Add(await RequireAsync(scope, driverId, path, url, ObjectKinds.DefaultConfig, cancellationToken));
        }

        return keys.Count == 0 ? ObjectReferences.None : new ObjectReferences(sourceKey, keys);
    }

    /// <summary>
    /// Turns a store write refused with <see cref="StoreOutcome.ObjectNotFound"/> into its error. An object found by
    /// <see cref="ResolveAsync"/> was removed before the write's transaction (its version or driver deleted, or swept):
    /// checking again names the parameter and says why, exactly as if this request had come after the removal.
    /// </summary>
    public async Task<RpcException> RemovedObjectErrorAsync(TenantScope scope, string driverId, DriverVersionContent content, CancellationToken cancellationToken)
    {
        await ResolveAsync(scope, driverId, content, cancellationToken);
        return RpcErrors.InvalidParam("An object that SourceConfig or DriverConfig names was deleted while the version was being saved; upload it again.");
    }

    private async Task<string> RequireAsync(TenantScope scope, string driverId, string name, string url, string kind, CancellationToken cancellationToken)
    {
        var key = links.KeyFromUrl(url);
        var stored = key is null ? null : await catalog.FindAsync(key, cancellationToken);
        if (stored is null || stored.AccountId != scope.AccountId || stored.InstanceId != scope.InstanceId)
        {
            // A version of a driver that does not exist is refused for that reason first, package or not.
            if ((await drivers.GetDriversAsync(scope, [driverId], cancellationToken)).Count == 0)
            {
                throw RpcErrors.DriverNotExist();
            }

            throw RpcErrors.InvalidParam($"{name} must be the OssAddress of an object from CreateEdgeOssPreSignedAddress; \"{url}\" is not one.");
        }

        if (stored.Kind != kind)
        {
            throw RpcErrors.InvalidParam($"{name} names a {stored.Kind} object; it must name a {kind} object.");
        }

        if (stored.DriverId != driverId)
        {
            throw RpcErrors.InvalidParam($"{name} names an object presigned for another driver.");
        }

        return stored.IsUploaded ? key! : throw RpcErrors.InvalidParam($"{name} names an object whose upload has not completed.");
    }

    private static string? AddressIn(string sourceConfig)
    {
        if (sourceConfig.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(sourceConfig);
        return document.RootElement.TryGetProperty("ossAddress", out var address) ? address.GetString() : null;
    }

    /// <summary>The URL of each FILE entry, with its parameter path for messages (shapes were validated at bind).</summary>
    private static List<(string Path, string Url)> FileConfigs(string driverConfig)
    {
        var files = new List<(string, string)>();
        if (driverConfig.Length == 0)
        {
            return files;
        }

        using var document = JsonDocument.Parse(driverConfig);
        var root = document.RootElement;
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].GetProperty("format").GetString() == "FILE")
            {
                var path = root.ValueKind == JsonValueKind.Array ? $"DriverConfig[{i}].content" : "DriverConfig.content";
                files.Add((path, items[i].GetProperty("content").GetString()!));
            }
        }

        return files;
    }
}
