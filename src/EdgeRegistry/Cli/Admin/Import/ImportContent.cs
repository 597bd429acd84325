using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeRegistry.Cli.Admin.Import;

/// <summary>
/// The URLs a version's SourceConfig and DriverConfig carry, and those texts rewritten: with the target's URLs when
/// copying, or with each file's SHA-256 in place of its URL when comparing the two sides (URLs always differ).
/// </summary>
public static class ImportContent
{
    public const string OssAddress = "ossAddress";
    public const string TemporaryOssAddress = "temporaryOssAddress";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The package's download link (the temporary one when the source gave it), or null without a package.</summary>
    public static string? PackageLink(string? sourceConfig)
    {
        var source = ParseObject(sourceConfig);
        return Text(source, TemporaryOssAddress) ?? Text(source, OssAddress);
    }

    /// <summary>The URL of each FILE entry of DriverConfig, in order.</summary>
    public static IReadOnlyList<string> FileUrls(string? driverConfig) =>
        [.. FileEntries(driverConfig).Select(e => e["content"]!.GetValue<string>())];

    /// <summary>SourceConfig naming <paramref name="packageUrl"/> (or nothing, when null) and no temporary link.</summary>
    public static string SourceConfigWith(string? sourceConfig, string? packageUrl)
    {
        if (ParseObject(sourceConfig) is not { } source)
        {
            return sourceConfig ?? "";
        }

        source.Remove(TemporaryOssAddress);
        source.Remove(OssAddress);
        if (packageUrl is not null)
        {
            source[OssAddress] = packageUrl;
        }

        return source.Count == 0 ? "" : source.ToJsonString(Compact);
    }

    /// <summary>DriverConfig with each FILE entry's URL replaced through <paramref name="replace"/>.</summary>
    public static string DriverConfigWith(string? driverConfig, Func<string, string> replace)
    {
        if (string.IsNullOrEmpty(driverConfig) || FileEntries(driverConfig).Count == 0)
        {
            return driverConfig ?? "";
        }

        var root = JsonNode.Parse(driverConfig)!;
        foreach (var entry in root is JsonArray array ? array.OfType<JsonObject>() : [(JsonObject)root])
        {
            if (entry["format"]?.GetValue<string>() == "FILE" && entry["content"] is JsonValue content)
            {
                entry["content"] = replace(content.GetValue<string>());
            }
        }

        return root.ToJsonString(Compact);
    }

    /// <summary>A JSON text in one canonical form (compact), so two sides compare equal whatever their spacing.</summary>
    public static string Canonical(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return "";
        }

        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Compact) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static List<JsonObject> FileEntries(string? driverConfig)
    {
        if (string.IsNullOrEmpty(driverConfig))
        {
            return [];
        }

        try
        {
            var root = JsonNode.Parse(driverConfig);
            IEnumerable<JsonNode?> items = root is JsonArray array ? array : [root];
            return [.. items.OfType<JsonObject>().Where(e => e["format"] is JsonValue f && f.TryGetValue<string>(out var s) && s == "FILE"
                && e["content"] is JsonValue c && c.TryGetValue<string>(out _))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static JsonObject? ParseObject(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? null : JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
