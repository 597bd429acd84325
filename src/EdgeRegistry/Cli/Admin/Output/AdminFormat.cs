using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeRegistry.Cli.Admin.Output;

/// <summary>How table cells spell the API's values.</summary>
public static class AdminFormat
{
    /// <summary>Unix milliseconds as a UTC time, e.g. <c>2025-03-04 05:06:07Z</c>.</summary>
    public static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    public static string Limit(int? limitPerSecond) =>
        limitPerSecond is { } n ? n.ToString(CultureInfo.InvariantCulture) + "/s" : "unlimited";

    /// <summary>A JSON document on one line, so a table row stays a row; text that is not JSON as it is.</summary>
    public static string CompactJson(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString() ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
