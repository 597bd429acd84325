using System.Globalization;
using System.Text.Json;

namespace EdgeRegistry.Cli.User.Client;

/// <summary>The driver operations of the Iot API as typed calls: the one place that knows their parameters and answers.</summary>
public sealed class IotClient(IotRpc rpc)
{
    /// <summary>The largest PageSize the API accepts.</summary>
    public const int MaxPageSize = 30;

    /// <summary>The Type of CreateEdgeOssPreSignedAddress for a version's code package.</summary>
    public const string PackageObjectType = "DRIVER_VERSION_CONTENT";

    public async Task<IotPage<IotDriver>> QueryDriversAsync(string? nameContains, int page, CancellationToken cancellationToken)
    {
        var root = await rpc.CallAsync("QueryEdgeDriver",
            [.. PageParameters(page), new("Type", "1"), .. Optional("DriverName", nameContains)], cancellationToken);
        return PageOf<IotDriver>(root, "DriverList");
    }

    /// <summary>BatchGetEdgeDriver: the drivers found, in the order asked; unknown ids are left out.</summary>
    public async Task<IReadOnlyList<IotDriver>> GetDriversAsync(IReadOnlyList<string> driverIds, CancellationToken cancellationToken)
    {
        var root = await rpc.CallAsync("BatchGetEdgeDriver",
            driverIds.Select((id, i) => new KeyValuePair<string, string>($"DriverIds.{i + 1}", id)), cancellationToken);
        return ListOf<IotDriver>(root, "DriverList");
    }

    public async Task<string> CreateDriverAsync(string name, string protocol, string runtime, string? cpuArch, bool isBuiltIn,
        CancellationToken cancellationToken)
    {
        var root = await rpc.CallAsync("CreateEdgeDriver",
            [new("DriverName", name), new("DriverProtocol", protocol), new("Runtime", runtime), .. Optional("CpuArch", cpuArch),
             .. Optional("IsBuiltIn", isBuiltIn ? "true" : null)],
            cancellationToken);
        return root.GetProperty("DriverId").GetString() ?? throw new JsonException("CreateEdgeDriver answered without a DriverId");
    }

    public Task DeleteDriverAsync(string driverId, CancellationToken cancellationToken) =>
        rpc.CallAsync("DeleteEdgeDriver", [new("DriverId", driverId)], cancellationToken);

    /// <param name="state">"0" unpublished, "1" published, null: both.</param>
    public async Task<IotPage<IotDriverVersion>> QueryVersionsAsync(string driverId, string? state, string? version, int page,
        CancellationToken cancellationToken)
    {
        var root = await rpc.CallAsync("QueryEdgeDriverVersion",
            [new("DriverId", driverId), .. PageParameters(page), .. Optional("VersionState", state), .. Optional("DriverVersion", version)],
            cancellationToken);
        return PageOf<IotDriverVersion>(root, "DriverVersionList");
    }

    public async Task<IotDriverVersion> GetVersionAsync(string driverId, string version, CancellationToken cancellationToken)
    {
        var root = await rpc.CallAsync("GetEdgeDriverVersion", VersionKey(driverId, version), cancellationToken);
        return Deserialize<IotDriverVersion>(root.GetProperty("Data"));
    }

    /// <param name="replace">true: UpdateEdgeDriverVersion, a full replace of an unpublished version; false: CreateEdgeDriverVersion.</param>
    public Task WriteVersionAsync(string driverId, string version, IotVersionContent content, bool replace, CancellationToken cancellationToken) =>
        rpc.CallAsync(replace ? "UpdateEdgeDriverVersion" : "CreateEdgeDriverVersion",
            [.. VersionKey(driverId, version), new("EdgeVersion", content.EdgeVersion),
             .. Optional("Description", content.Description), .. Optional("SourceConfig", content.SourceConfig),
             .. Optional("DriverConfig", content.DriverConfig), .. Optional("ContainerConfig", content.ContainerConfig),
             .. Optional("ConfigCheckRule", content.ConfigCheckRule), .. Optional("Argument", content.Argument)],
            cancellationToken);

    public Task ReleaseVersionAsync(string driverId, string version, CancellationToken cancellationToken) =>
        rpc.CallAsync("ReleaseEdgeDriverVersion", VersionKey(driverId, version), cancellationToken);

    public Task DeleteVersionAsync(string driverId, string version, CancellationToken cancellationToken) =>
        rpc.CallAsync("DeleteEdgeDriverVersion", VersionKey(driverId, version), cancellationToken);

    /// <summary>An object URL for a version's code package and a 5-minute link to PUT the bytes to.</summary>
    public async Task<IotPresignedAddress> PresignPackageAsync(string driverId, string version, string fileName, CancellationToken cancellationToken)
    {
        var root = await rpc.CallAsync("CreateEdgeOssPreSignedAddress",
            [new("Type", PackageObjectType), new("ResourceId", driverId), new("ResourceVersion", version), new("FileName", fileName)],
            cancellationToken);
        return Deserialize<IotPresignedAddress>(root.GetProperty("Data"));
    }

    private static KeyValuePair<string, string>[] VersionKey(string driverId, string version) =>
        [new("DriverId", driverId), new("DriverVersion", version)];

    private static KeyValuePair<string, string>[] PageParameters(int page) =>
        [new("CurrentPage", page.ToString(CultureInfo.InvariantCulture)), new("PageSize", MaxPageSize.ToString(CultureInfo.InvariantCulture))];

    private static KeyValuePair<string, string>[] Optional(string name, string? value) => value is null ? [] : [new(name, value)];

    private static IotPage<T> PageOf<T>(JsonElement root, string listName)
    {
        var data = root.GetProperty("Data");
        return new IotPage<T>(data.GetProperty("CurrentPage").GetInt32(), data.GetProperty("PageSize").GetInt32(),
            data.GetProperty("Total").GetInt32(), ListOf<T>(data, listName));
    }

    /// <summary>A list property; absent or null means empty (some servers leave an empty list out).</summary>
    private static IReadOnlyList<T> ListOf<T>(JsonElement parent, string listName) =>
        parent.TryGetProperty(listName, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(Deserialize<T>)]
            : [];

    private static T Deserialize<T>(JsonElement element) =>
        element.Deserialize<T>(IotJson.Wire) ?? throw new JsonException($"null where a {typeof(T).Name} was expected");
}
