using System.Text.Json;

namespace EdgeRegistry.Cli.Admin.Client;

/// <summary>The admin API's JSON conventions: camelCase in and out.</summary>
public static class AdminJson
{
    /// <summary>For requests and answers on the wire.</summary>
    public static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    /// <summary>For <c>--output json</c>: the same shapes, indented for people who read them too.</summary>
    public static readonly JsonSerializerOptions Output = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
