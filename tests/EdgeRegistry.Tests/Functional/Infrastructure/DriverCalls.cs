using System.Text.Json;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>The calls most tests make on the way to what they test, each asserting that it succeeded.</summary>
public static class DriverCalls
{
    private static int _counter;

    /// <summary>A driver name no other test uses (letters, digits, underscore; at most 20 characters).</summary>
    public static string UniqueName(string prefix = "drv")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}";
        return name[..Math.Min(20, name.Length)];
    }

    public static async Task<string> CreateDriverAsync(this RpcTestClient client, string? name = null, string protocol = "modbus",
        string runtime = "python3", params (string Name, string Value)[] more)
    {
        var response = await client.CallAsync("CreateEdgeDriver",
            [("DriverName", name ?? UniqueName()), ("DriverProtocol", protocol), ("Runtime", runtime), .. more]);
        RpcAssert.Success(response);
        return response.Root.GetProperty("DriverId").GetString()!;
    }

    public static async Task CreateVersionAsync(this RpcTestClient client, string driverId, string version, params (string Name, string Value)[] more)
    {
        var response = await client.CallAsync("CreateEdgeDriverVersion",
            [("DriverId", driverId), ("DriverVersion", version), .. more.Any(p => p.Name == "EdgeVersion") ? [] : new[] { ("EdgeVersion", "2.4.0") }, .. more]);
        RpcAssert.Success(response);
    }

    public static async Task ReleaseAsync(this RpcTestClient client, string driverId, string version) =>
        RpcAssert.Success(await client.CallAsync("ReleaseEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", version)));

    /// <summary>
    /// One version as QueryEdgeDriverVersion lists it (exact DriverVersion filter). Tests that are not about
    /// GetEdgeDriverVersion read through this, so that a fault of that one operation fails only its own tests.
    /// </summary>
    public static async Task<JsonElement> FindVersionAsync(this RpcTestClient client, string driverId, string version)
    {
        var response = RpcAssert.Success(await client.QueryVersionsAsync(driverId, 1, 30, ("DriverVersion", version)));
        return Assert.Single(response.Data.GetProperty("DriverVersionList").EnumerateArray()).Clone();
    }

    public static Task<RpcResponse> QueryVersionsAsync(this RpcTestClient client, string driverId, int page, int size, params (string Name, string Value)[] more) =>
        client.CallAsync("QueryEdgeDriverVersion",
            [("DriverId", driverId), ("CurrentPage", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             ("PageSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. more]);

    /// <summary>Every version of a driver through QueryEdgeDriverVersion, page by page, in the order listed.</summary>
    public static async Task<List<string>> AllVersionsAsync(this RpcTestClient client, string driverId, int pageSize = 30, params (string Name, string Value)[] more)
    {
        var versions = new List<string>();
        for (var page = 1; ; page++)
        {
            var data = RpcAssert.Success(await client.QueryVersionsAsync(driverId, page, pageSize, more)).Data;
            var items = data.GetProperty("DriverVersionList").EnumerateArray().Select(v => v.GetProperty("DriverVersion").GetString()!).ToList();
            versions.AddRange(items);
            if (items.Count < pageSize)
            {
                Assert.Equal(data.GetProperty("Total").GetInt32(), versions.Count);
                return versions;
            }
        }
    }
}
