using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Migration;

/// <summary>
/// An embedded installation built through the real server and its public APIs: the root account with drivers whose
/// versions are published and not, with packages and FILE configs; a second account with an Enterprise instance
/// holding a driver, a quota override and a RAM user whose policy allows everything. <see cref="SnapshotAsync"/> reads
/// all of it back through the RPC and admin APIs, as the same credentials see it, to compare two servers.
/// </summary>
public sealed partial class EmbeddedInstallation
{
    public required NewAccount Tenant { get; init; }

    public required NewKey RamUser { get; init; }

    public required string InstanceId { get; init; }

    /// <summary>A download link the embedded server handed out (its link key signed it).</summary>
    public required string EmbeddedLink { get; init; }

    public required byte[] LinkedBytes { get; init; }

    public static async Task<EmbeddedInstallation> BuildAsync(TestServer server)
    {
        var admin = server.Admin();
        var root = server.Client;
        var a = await root.CreateDriverAsync("alpha");
        var package = PackageCalls.RandomBytes(2 * 1024 * 1024 + 5);
        var address = await root.UploadPackageAsync(a, "1.0.0", package);
        var config = await root.UploadDefaultConfigAsync(a, "1.0.0");
        await root.CreateVersionAsync(a, "1.0.0", ("SourceConfig", PackageCalls.SourceConfig(address)), ("DriverConfig", PackageCalls.FileConfig(config)),
            ("Description", "first"), ("Argument", "-v"), ("ContainerConfig", """{"privileged":1}"""),
            ("ConfigCheckRule", """{"deviceConfig":{"required":false}}"""));
        await root.ReleaseAsync(a, "1.0.0");
        await root.CreateVersionAsync(a, "1.1.0", ("SourceConfig", PackageCalls.SourceConfig(await root.UploadPackageAsync(a, "1.1.0"))));
        var b = await root.CreateDriverAsync("beta", "opc-ua", "c");
        for (var i = 0; i < 35; i++)
        {
            await root.CreateVersionAsync(b, $"0.{i}.0", ("Description", $"v{i}"));
        }

        await root.ReleaseAsync(b, "0.3.0");
        await root.PresignAsync(b, "0.9.0");   // an object presigned and never uploaded

        var tenant = await admin.CreateAccountAsync();
        var instance = await admin.CreateInstanceAsync(tenant.AccountId);
        await admin.SetQuotaAsync(tenant.AccountId, "QueryEdgeDriver", 50);
        AdminClient.Expect(await admin.SendAsync(HttpMethod.Put, $"/admin/accounts/{tenant.AccountId}/storage", "{\"limitBytes\":50000000}"), 200);
        var ramUser = await admin.CreateRamUserAsync(tenant.AccountId, AdminClient.AllowAll);
        var client = server.ClientFor(tenant);
        var c = await client.CreateDriverAsync("gamma", more: ("IotInstanceId", instance));
        var presigned = await client.PresignAsync(c, "2.0.0", more: ("IotInstanceId", instance));
        Assert.Equal(200, (await client.PutAsync(presigned.PresignedUrl, PackageCalls.RandomBytes(70_000))).Status);
        var tenantPackage = presigned.OssAddress;
        await client.CreateVersionAsync(c, "2.0.0", ("SourceConfig", PackageCalls.SourceConfig(tenantPackage)), ("IotInstanceId", instance));
        await client.CallAsync("ReleaseEdgeDriverVersion", ("DriverId", c), ("DriverVersion", "2.0.0"), ("IotInstanceId", instance));
        await client.CreateDriverAsync("delta");

        return new EmbeddedInstallation
        {
            Tenant = tenant,
            RamUser = ramUser,
            InstanceId = instance,
            EmbeddedLink = await root.TemporaryAddressAsync(a, "1.0.0"),
            LinkedBytes = package,
        };
    }

    /// <summary>Everything each principal sees, as text: listings, every version by Get and by Query, package digests, admin views.</summary>
    public async Task<List<string>> SnapshotAsync(TestServer server)
    {
        var lines = new List<string>();
        var principals = new (string Name, RpcTestClient Client, string? Instance)[]
        {
            ("root", server.Client, null),
            ("tenant", server.ClientFor(Tenant), null),
            ("tenant-instance", server.ClientFor(Tenant), InstanceId),
            ("ram-instance", server.ClientFor(RamUser), InstanceId),
        };
        foreach (var (name, client, instance) in principals)
        {
            (string, string)[] scope = instance is null ? [] : [("IotInstanceId", instance)];
            var drivers = RpcAssert.Success(await client.QueryDriversAsync(30, scope)).Data;
            lines.Add($"{name} drivers {Normalize(drivers)}");
            foreach (var driver in drivers.GetProperty("DriverList").EnumerateArray())
            {
                var id = driver.GetProperty("DriverId").GetString()!;
                for (var page = 1; page <= 2; page++)
                {
                    var versions = RpcAssert.Success(await client.CallAsync("QueryEdgeDriverVersion",
                        [("DriverId", id), ("CurrentPage", page.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("PageSize", "30"), .. scope])).Data;
                    lines.Add($"{name} {id} versions page {page} {Normalize(versions)}");
                    foreach (var version in versions.GetProperty("DriverVersionList").EnumerateArray())
                    {
                        var v = version.GetProperty("DriverVersion").GetString()!;
                        var got = RpcAssert.Success(await client.CallAsync("GetEdgeDriverVersion", [("DriverId", id), ("DriverVersion", v), .. scope])).Data;
                        lines.Add($"{name} {id} {v} {Normalize(got)} package {await DigestAsync(client, got)}");
                    }
                }
            }
        }

        var admin = server.Admin();
        foreach (var path in new[] { "/admin/accounts", $"/admin/accounts/{Tenant.AccountId}/keys", $"/admin/accounts/{Tenant.AccountId}/users",
                     $"/admin/accounts/{Tenant.AccountId}/policies", $"/admin/accounts/{Tenant.AccountId}/instances", $"/admin/accounts/{Tenant.AccountId}/quotas",
                     $"/admin/accounts/{Tenant.AccountId}/storage" })
        {
            lines.Add($"{path} {AdminClient.Expect(await admin.GetAsync(path), 200).Body}");
        }

        return lines;
    }

    /// <summary>SHA-256 of the package behind the version's temporaryOssAddress, or "none".</summary>
    private static async Task<string> DigestAsync(RpcTestClient client, JsonElement version)
    {
        var source = version.TryGetProperty("SourceConfig", out var s) ? s.GetString() : null;
        if (source is null || PackageCalls.TemporaryAddress(source) is not { } link)
        {
            return "none";
        }

        var download = await client.GetObjectAsync(link);
        Assert.Equal(200, download.Status);
        return Convert.ToHexStringLower(SHA256.HashData(download.Body));
    }

    /// <summary>Download links differ per server (host, expiry, signature); everything else must be equal.</summary>
    private static string Normalize(JsonElement data) => TemporaryAddress().Replace(data.GetRawText(), "temporaryOssAddress:<link>");

    [GeneratedRegex("""temporaryOssAddress\\?":\\?"(?:[^"\\]|\\u[0-9a-fA-F]{4}|\\/)*""")]
    private static partial Regex TemporaryAddress();
}
