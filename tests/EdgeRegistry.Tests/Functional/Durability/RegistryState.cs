using System.Globalization;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Durability;

/// <summary>
/// Everything a client can see of an account through the API: its custom drivers, every version of each (as listed,
/// without the per-server download link) and the SHA-256 of each version's package as downloaded.
/// </summary>
public sealed record RegistryState(
    IReadOnlyDictionary<string, string> Drivers,
    IReadOnlyDictionary<(string DriverId, string Version), string> Versions,
    IReadOnlyDictionary<(string DriverId, string Version), string> PackageSha256)
{
    public static async Task<RegistryState> ReadAsync(RpcTestClient client)
    {
        var drivers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var data = RpcAssert.Success(await client.CallAsync("QueryEdgeDriver",
                ("CurrentPage", page.ToString(CultureInfo.InvariantCulture)), ("PageSize", "30"), ("Type", "1"))).Data;
            var items = data.GetProperty("DriverList").EnumerateArray().ToList();
            foreach (var item in items)
            {
                drivers[item.GetProperty("DriverId").GetString()!] = item.GetRawText();
            }

            if (items.Count < 30)
            {
                break;
            }
        }

        var versions = new Dictionary<(string, string), string>();
        var packages = new Dictionary<(string, string), string>();
        foreach (var driverId in drivers.Keys)
        {
            for (var page = 1; ; page++)
            {
                var items = Listings.VersionItems(await client.QueryVersionsAsync(driverId, page, 30));
                foreach (var item in items)
                {
                    var version = item.GetProperty("DriverVersion").GetString()!;
                    versions[(driverId, version)] = PackageCalls.WithoutTemporaryAddress(item);
                    if (PackageCalls.TemporaryAddress(item.GetProperty("SourceConfig").GetString()!) is { } link)
                    {
                        var download = await client.GetObjectAsync(link);
                        Assert.True(download.Status == 200, $"{driverId} {version}: the package download answered {download}");
                        packages[(driverId, version)] = PackageCalls.Sha256Hex(download.Body);
                    }
                }

                if (items.Count < 30)
                {
                    break;
                }
            }
        }

        return new RegistryState(drivers, versions, packages);
    }
}
