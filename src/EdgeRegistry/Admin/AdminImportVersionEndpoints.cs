using System.Security.Cryptography;
using System.Text;
using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Hosting;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace EdgeRegistry.Admin;

/// <summary>
/// Import writes a version in two steps, as a user does through the RPC API but with the source's times and state:
/// each file (code package, FILE default config) is stored first, checked against the SHA-256 the importer computed
/// at the source, and answers its new URL; then the version is written naming those URLs.
/// </summary>
public static class AdminImportVersionEndpoints
{
    public sealed record ImportedVersion(string? EdgeVersion, string? Description, string? SourceConfig, string? DriverConfig,
        string? ContainerConfig, string? ConfigCheckRule, string? Argument, bool Published, long CreatedMs, long ModifiedMs);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPut("/accounts/{accountId}/drivers/{driverId}/versions/{version}", PutVersionAsync);
        admin.MapPut("/accounts/{accountId}/drivers/{driverId}/versions/{version}/files/{kind}/{fileName}", PutFileAsync);
    }

    /// <summary>
    /// Creates the version (201) or replaces an unpublished one (200), then publishes it if the source has; a
    /// published version is immutable (409). The store stamps creation with the source's time (later ones never
    /// earlier than the driver's newest version, which keeps the listing order) and the last change with its
    /// modification time.
    /// </summary>
    private static async Task<IResult> PutVersionAsync(string accountId, string driverId, string version, string? instance, HttpRequest request,
        IAdminStore admin, IDriverImportStore imports, IDriverStore drivers, PackageReferences references, CancellationToken ct)
    {
        var (scope, error) = await ImportScope.ResolveAsync(accountId, instance, driverId, admin, imports, ct);
        if (scope is null)
        {
            return error!;
        }

        if (await AdminApi.ReadBodyAsync<ImportedVersion>(request) is not { EdgeVersion: { } edgeVersion } body || body.CreatedMs <= 0 || body.ModifiedMs < body.CreatedMs)
        {
            return AdminApi.Invalid("The body must be a version: {\"edgeVersion\",…,\"published\",\"createdMs\",\"modifiedMs\"} with modifiedMs ≥ createdMs > 0.");
        }

        DriverVersionContent content;
        ObjectReferences objects;
        try
        {
            DriverRules.DriverVersion(version);
            content = new DriverVersionContent(DriverRules.EdgeVersion(edgeVersion), DriverRules.Description(Empty(body.Description)),
                JsonParameterRules.SourceConfig(Empty(body.SourceConfig)), JsonParameterRules.DriverConfig(Empty(body.DriverConfig)),
                JsonParameterRules.ContainerConfig(Empty(body.ContainerConfig)), JsonParameterRules.ConfigCheckRule(Empty(body.ConfigCheckRule)),
                DriverRules.Argument(Empty(body.Argument)));
            objects = await references.ResolveAsync(scope, driverId, content, ct);
        }
        catch (RpcException e)
        {
            return ImportScope.Invalid(e);
        }

        var existing = await drivers.GetVersionAsync(scope, driverId, version, ct);
        if (existing.Outcome == StoreOutcome.DriverNotFound)
        {
            return AdminApi.Error(404, "DriverNotFound", $"No driver {driverId} in {ImportScope.Describe(scope)}: import the driver first.");
        }

        if (existing.Value is { Published: true })
        {
            return AdminApi.Error(409, "VersionPublished", $"Version {version} of {driverId} is published here, and a published version is immutable.");
        }

        var created = existing.Outcome == StoreOutcome.VersionNotFound;
        var outcome = created
            ? await drivers.CreateVersionAsync(scope, driverId, version, content, objects, body.CreatedMs, ct)
            : await drivers.ReplaceVersionAsync(scope, driverId, version, content, objects, body.ModifiedMs, ct);
        if (outcome == StoreOutcome.Ok && created && !body.Published && body.ModifiedMs > body.CreatedMs)
        {
            outcome = await drivers.ReplaceVersionAsync(scope, driverId, version, content, objects, body.ModifiedMs, ct);
        }

        if (outcome == StoreOutcome.Ok && body.Published)
        {
            outcome = await drivers.ReleaseVersionAsync(scope, driverId, version, body.ModifiedMs, ct);
        }

        return outcome switch
        {
            StoreOutcome.Ok when created => Results.Created($"/admin/accounts/{accountId}/drivers/{driverId}", new { outcome = "created" }),
            StoreOutcome.Ok => Results.Ok(new { outcome = "replaced" }),
            StoreOutcome.VersionPublished => AdminApi.Error(409, "VersionPublished", $"Version {version} of {driverId} was published meanwhile."),
            StoreOutcome.ObjectNotFound => AdminApi.Invalid("A file the version names was removed while it was written; import again."),
            _ => AdminApi.Error(409, outcome.ToString(), $"Version {version} of {driverId} could not be written ({outcome})."),
        };
    }

    /// <summary>Stores one file for a version that is not published here, checked against <c>sha256</c>; answers its URL (201).</summary>
    private static async Task<IResult> PutFileAsync(string accountId, string driverId, string version, string kind, string fileName, string? instance,
        string? sha256, HttpContext http, IAdminStore admin, IDriverImportStore imports, IObjectCatalog catalog, IBlobStore blobs,
        IObjectLinks links, ServerSettings settings, TimeProvider time, CancellationToken ct)
    {
        var (scope, error) = await ImportScope.ResolveAsync(accountId, instance, driverId, admin, imports, ct);
        if (scope is null)
        {
            return error!;
        }

        if (kind is not (ObjectKinds.DriverPackage or ObjectKinds.DefaultConfig) || sha256 is not { Length: 64 })
        {
            return AdminApi.Invalid($"kind must be {ObjectKinds.DriverPackage} or {ObjectKinds.DefaultConfig}, and sha256 the file's SHA-256 in hex.");
        }

        try
        {
            DriverRules.DriverVersion(version);
            DriverRules.FileName(fileName);
        }
        catch (RpcException e)
        {
            return ImportScope.Invalid(e);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        string key;
        for (var ms = now; ; ms++)
        {
            key = $"driver/{AccountHash(accountId)}/{kind}/{driverId}/{version}/{ms}/{fileName}";
            var registered = await catalog.RegisterAsync(new StoredObject(key, scope.AccountId, scope.InstanceId, kind, driverId, version, "", fileName, now), ct);
            if (registered == RegisterOutcome.Refused)
            {
                return AdminApi.Error(409, "VersionPublished", $"Driver {driverId} is gone, or its version {version} is published here: it takes no new file.");
            }

            if (registered == RegisterOutcome.Registered)
            {
                break;
            }
        }

        http.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
        var blobId = RandomNumberGenerator.GetHexString(32, lowercase: true);
        BlobWritten written;
        try
        {
            written = await blobs.WriteAsync(blobId, http.Request.Body, http.Request.ContentLength, settings.MaxPackageBytes, null, ct);
        }
        catch (BlobWriteException e)
        {
            // The registered object stays empty; the orphan sweep removes it.
            return AdminApi.Error(400, e.Error.ToString(), e.Message);
        }

        if (!string.Equals(written.Sha256Hex, sha256, StringComparison.OrdinalIgnoreCase))
        {
            await blobs.DeleteAsync(blobId, CancellationToken.None);
            return AdminApi.Error(400, "BadDigest", $"The file's SHA-256 is {written.Sha256Hex}, not {sha256.ToLowerInvariant()}: nothing was stored.");
        }

        var (outcome, replaced) = await catalog.CommitUploadAsync(key, blobId, written, PackageContentType.ForUpload(http.Request.ContentType), now, CancellationToken.None);
        if (outcome != CommitOutcome.Ok)
        {
            await blobs.DeleteAsync(blobId, CancellationToken.None);
            return AdminApi.Error(409, "VersionPublished", "The version was published, or the file removed, while it was stored.");
        }

        if (replaced is not null)
        {
            await blobs.DeleteAsync(replaced, CancellationToken.None);
        }

        return Results.Created(links.ObjectUrl(key), new { url = links.ObjectUrl(key), sha256 = written.Sha256Hex, length = written.Length });
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The key layout of CreateEdgeOssPreSignedAddress: a hash of the account, not its id.</summary>
    private static string AccountHash(string accountId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountId)))[..32];
}
