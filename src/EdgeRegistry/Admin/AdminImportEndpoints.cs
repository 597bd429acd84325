using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Admin;

/// <summary>
/// The admin side of <c>edgereg admin import</c> (docs/admin-api.md, "Import"): read a driver with every version as
/// stored, and write a driver under the DriverId and times it has at its source. Versions and their files are in
/// <see cref="AdminImportVersionEndpoints"/>. The RPC API cannot do this: CreateEdgeDriver makes a new id and stamps now.
/// </summary>
public static class AdminImportEndpoints
{
    public sealed record ImportedDriver(string? Name, string? Protocol, string? Runtime, string? CpuArch, bool IsBuiltIn, long CreatedMs, long ModifiedMs);

    public sealed record StoredFile(string Url, string Sha256, long Length);

    public sealed record StoredVersion(string Version, bool Published, string EdgeVersion, string Description, string SourceConfig,
        string DriverConfig, string ContainerConfig, string ConfigCheckRule, string Argument, long CreatedMs, long ModifiedMs,
        IReadOnlyList<StoredFile> Files);

    public sealed record StoredDriver(string DriverId, string Name, string Protocol, string Runtime, string CpuArch, bool IsBuiltIn,
        long CreatedMs, long ModifiedMs, IReadOnlyList<StoredVersion> Versions);

    private const int VersionPage = 500;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/accounts/{accountId}/drivers/{driverId}", GetAsync);
        admin.MapPut("/accounts/{accountId}/drivers/{driverId}", PutAsync);
        AdminImportVersionEndpoints.Map(admin);
    }

    private static async Task<IResult> GetAsync(string accountId, string driverId, string? instance, IAdminStore admin, IDriverImportStore imports,
        IDriverStore drivers, IObjectCatalog catalog, IObjectLinks links, CancellationToken ct)
    {
        var (scope, error) = await ImportScope.ResolveAsync(accountId, instance, driverId, admin, imports, ct);
        if (scope is null)
        {
            return error!;
        }

        if ((await drivers.GetDriversAsync(scope, [driverId], ct)) is not [var driver])
        {
            return AdminApi.Error(404, "DriverNotFound", $"No driver {driverId} in {ImportScope.Describe(scope)}.");
        }

        var versions = new List<StoredVersion>();
        for (var offset = 0; ; offset += VersionPage)
        {
            var page = await drivers.QueryVersionsAsync(scope, driverId, new VersionFilter(null, null), offset, VersionPage, ct);
            foreach (var v in page.Value!.Items)
            {
                versions.Add(await DescribeAsync(v, catalog, links, ct));
            }

            if (page.Value.Items.Count < VersionPage)
            {
                break;
            }
        }

        return Results.Ok(new StoredDriver(driver.DriverId, driver.Name, driver.Protocol, driver.Runtime, driver.CpuArch, driver.IsBuiltIn,
            driver.CreatedMs, driver.ModifiedMs, versions));
    }

    /// <summary>Creates the driver (201), or answers 200 when it exists with the same fields and 409 when they differ.</summary>
    private static async Task<IResult> PutAsync(string accountId, string driverId, string? instance, HttpRequest request, IAdminStore admin,
        IDriverImportStore imports, IDriverStore drivers, CancellationToken ct)
    {
        var (scope, error) = await ImportScope.ResolveAsync(accountId, instance, driverId, admin, imports, ct);
        if (scope is null)
        {
            return error!;
        }

        if (await AdminApi.ReadBodyAsync<ImportedDriver>(request) is not { Name: { } name, Protocol: { } protocol, Runtime: { } runtime } body
            || body.CreatedMs <= 0 || body.ModifiedMs < body.CreatedMs)
        {
            return AdminApi.Invalid("The body must be {\"name\",\"protocol\",\"runtime\",\"cpuArch\",\"isBuiltIn\",\"createdMs\",\"modifiedMs\"} with createdMs > 0 and modifiedMs ≥ createdMs.");
        }

        Driver wanted;
        try
        {
            wanted = new Driver(driverId, DriverRules.DriverName(name), DriverRules.Protocol(protocol), DriverRules.Runtime(runtime),
                DriverRules.CpuArch(string.IsNullOrEmpty(body.CpuArch) ? null : body.CpuArch), body.IsBuiltIn, body.CreatedMs, body.ModifiedMs);
        }
        catch (RpcException e)
        {
            return ImportScope.Invalid(e);
        }

        if ((await drivers.GetDriversAsync(scope, [driverId], ct)) is [var existing])
        {
            return existing == wanted
                ? Results.Ok(new { outcome = "unchanged" })
                : AdminApi.Error(409, "DriverConflict", $"Driver {driverId} exists here with other fields: {Differences(existing, wanted)}. It is left as it is.");
        }

        return await imports.ImportDriverAsync(scope, wanted, ct) switch
        {
            StoreOutcome.Ok => Results.Created($"/admin/accounts/{accountId}/drivers/{driverId}", new { outcome = "created" }),
            // The id was checked a moment ago; what remains is the name, or a racing import of the same id.
            _ => AdminApi.Error(409, "DriverNameExists", $"A driver named \"{wanted.Name}\" (or with id {driverId}) already exists in {ImportScope.Describe(scope)}."),
        };
    }

    private static string Differences(Driver have, Driver want)
    {
        var fields = new (string Name, object Have, object Want)[]
        {
            ("name", have.Name, want.Name), ("protocol", have.Protocol, want.Protocol), ("runtime", have.Runtime, want.Runtime),
            ("cpuArch", have.CpuArch, want.CpuArch), ("isBuiltIn", have.IsBuiltIn, want.IsBuiltIn),
            ("createdMs", have.CreatedMs, want.CreatedMs), ("modifiedMs", have.ModifiedMs, want.ModifiedMs),
        };
        return string.Join(", ", fields.Where(f => !Equals(f.Have, f.Want)).Select(f => $"{f.Name} is {f.Have}, the source has {f.Want}"));
    }

    private static async Task<StoredVersion> DescribeAsync(DriverVersion v, IObjectCatalog catalog, IObjectLinks links, CancellationToken ct)
    {
        var c = v.Content;
        var files = new List<StoredFile>();
        foreach (var url in ImportedContent.ObjectUrls(c))
        {
            if (links.KeyFromUrl(url) is { } key && await catalog.FindAsync(key, ct) is { IsUploaded: true } stored)
            {
                files.Add(new StoredFile(url, stored.Sha256Hex, stored.Length));
            }
        }

        return new StoredVersion(v.Version, v.Published, c.EdgeVersion, c.Description, c.SourceConfig, c.DriverConfig, c.ContainerConfig,
            c.ConfigCheckRule, c.Argument, v.CreatedMs, v.ModifiedMs, files);
    }
}
