using System.Globalization;
using System.Text.Json;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>The page parameters of the two Query actions, and what tests read out of lists, written once.</summary>
public static class Listings
{
    /// <summary>QueryEdgeDriver's first page of one custom driver: the smallest signed call that reads data.</summary>
    public static readonly KeyValuePair<string, string>[] OneDriverPage =
        [new("CurrentPage", "1"), new("PageSize", "1"), new("Type", "1")];

    /// <summary>QueryEdgeDriver's parameters for the first page of custom (Type 1) drivers, then <paramref name="more"/>.</summary>
    public static (string Name, string Value)[] FirstDriverPage(int size, params (string Name, string Value)[] more) =>
        [("CurrentPage", "1"), ("PageSize", size.ToString(CultureInfo.InvariantCulture)), ("Type", "1"), .. more];

    /// <summary>QueryEdgeDriver for the first page of custom drivers (the caller asserts the answer).</summary>
    public static Task<RpcResponse> QueryDriversAsync(this RpcTestClient client, int size = 10, params (string Name, string Value)[] more) =>
        client.CallAsync("QueryEdgeDriver", FirstDriverPage(size, more));

    /// <summary>The <c>Total</c> of a successful QueryEdgeDriver or QueryEdgeDriverVersion answer.</summary>
    public static int Total(RpcResponse response) => RpcAssert.Success(response).Data.GetProperty("Total").GetInt32();

    /// <summary>The DriverIds of a successful QueryEdgeDriver page (under Data) or BatchGetEdgeDriver answer (at the root).</summary>
    public static List<string> DriverIds(RpcResponse response)
    {
        var root = RpcAssert.Success(response).Root;
        var list = root.TryGetProperty("Data", out var data) ? data.GetProperty("DriverList") : root.GetProperty("DriverList");
        return [.. list.EnumerateArray().Select(d => d.GetProperty("DriverId").GetString()!)];
    }

    /// <summary>The items of a successful QueryEdgeDriverVersion page.</summary>
    public static List<JsonElement> VersionItems(RpcResponse response) =>
        [.. RpcAssert.Success(response).Data.GetProperty("DriverVersionList").EnumerateArray()];

    /// <summary>The DriverVersion of each item of a successful QueryEdgeDriverVersion page, in order.</summary>
    public static List<string> VersionNames(RpcResponse response) =>
        [.. VersionItems(response).Select(v => v.GetProperty("DriverVersion").GetString()!)];
}
