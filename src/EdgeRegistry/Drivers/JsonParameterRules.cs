using System.Text;
using System.Text.Json;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Drivers;

/// <summary>
/// The JSON-valued parameters of a version. Each is stored exactly as given (unknown fields included, for newer
/// SDKs), but only after it parses, every string in it decodes to text XML can carry, and its known fields pass
/// their rules.
/// </summary>
public static class JsonParameterRules
{
    public const int MaxBytes = 64 * 1024;

    public static string SourceConfig(string? value) => Validate("SourceConfig", value, root =>
    {
        Expect(root.ValueKind == JsonValueKind.Object, "SourceConfig must be a JSON object such as {\"ossAddress\":\"…\"}.");
        if (root.TryGetProperty("ossAddress", out var address))
        {
            Expect(address.ValueKind == JsonValueKind.String && IsHttpUrl(address.GetString()), "SourceConfig.ossAddress must be an http or https URL.");
        }
        else
        {
            // With a package the server replaces it on every read (a SourceConfig read back may be sent again);
            // without one it would be answered as given: a download link to anywhere, planted by a tenant.
            Expect(!root.TryGetProperty(TemporaryOssAddress.Field, out _),
                "SourceConfig.temporaryOssAddress is the download link the server adds to a package's SourceConfig; without an ossAddress it cannot be set.");
        }
    });

    public static string DriverConfig(string? value) => Validate("DriverConfig", value, root =>
    {
        Expect(root.ValueKind is JsonValueKind.Array or JsonValueKind.Object, "DriverConfig must be a JSON array of {\"format\",\"content\"} objects.");
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
        for (var i = 0; i < items.Length; i++)
        {
            DriverConfigItem(items[i], root.ValueKind == JsonValueKind.Array ? $"DriverConfig[{i}]" : "DriverConfig");
        }
    });

    public static string ConfigCheckRule(string? value) => Validate("ConfigCheckRule", value, root =>
    {
        Expect(root.ValueKind == JsonValueKind.Object, "ConfigCheckRule must be a JSON object.");
        foreach (var part in new[] { "deviceConfig", "driverConfig" })
        {
            if (!root.TryGetProperty(part, out var rule))
            {
                continue;
            }

            Expect(rule.ValueKind == JsonValueKind.Object, $"ConfigCheckRule.{part} must be an object such as {{\"required\":false}}.");
            if (rule.TryGetProperty("required", out var required))
            {
                Expect(required.ValueKind is JsonValueKind.True or JsonValueKind.False, $"ConfigCheckRule.{part}.required must be true or false.");
            }
        }
    });

    public static string ContainerConfig(string? value) => Validate("ContainerConfig", value, ContainerConfigRules.Check);

    /// <summary>Refuses with iot.common.InvalidParam unless <paramref name="condition"/> holds.</summary>
    public static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw RpcErrors.InvalidParam(message);
        }
    }

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void DriverConfigItem(JsonElement item, string path)
    {
        Expect(item.ValueKind == JsonValueKind.Object, $"{path} must be an object with format and content.");
        var format = item.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        Expect(format is "KV" or "JSON" or "FILE", $"{path}.format must be KV, JSON or FILE.");
        Expect(item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String, $"{path}.content must be a string.");
        var text = content.GetString()!;
        if (format == "JSON")
        {
            using var nested = ParseOrNull(text);
            Expect(nested is not null, $"{path}.content must itself be valid JSON when format is JSON.");
            // Its strings are escaped twice: once decoded they must be as carryable as every other stored text.
            RequireCarryable(nested!.RootElement, $"{path}.content (as JSON)");
            RequireUniqueNames(text, $"{path}.content (as JSON)");
        }
        else if (format == "FILE")
        {
            Expect(IsHttpUrl(text), $"{path}.content must be the http or https URL of an uploaded file when format is FILE.");
        }
    }

    private static string Validate(string name, string? value, Action<JsonElement> check)
    {
        if (value is null)
        {
            return "";
        }

        DriverRules.Limit(name, Encoding.UTF8.GetByteCount(value), MaxBytes);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw RpcErrors.InvalidParam($"{name} is not valid JSON: {e.Message}");
        }

        using (document)
        {
            // First: the rules below read strings, and System.Text.Json throws on an escaped lone surrogate.
            RequireCarryable(document.RootElement, name);
            RequireUniqueNames(value, name);
            check(document.RootElement);
        }

        return value;
    }

    /// <summary>
    /// Two values for one name would be read differently by different clients (first wins, or last wins). Checked
    /// once the names are known to decode: the parser's duplicate check throws on a name with a lone surrogate.
    /// </summary>
    private static void RequireUniqueNames(string json, string path)
    {
        try
        {
            using var _ = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw RpcErrors.InvalidParam($"{path} names a field twice: {e.Message}");
        }
    }

    private static void RequireCarryable(JsonElement root, string path)
    {
        if (JsonStrings.FindUncarryable(root, path) is { } found)
        {
            throw RpcErrors.InvalidParam($"{found.Path} {found.Problem}: control characters other than tab, LF and CR, " +
                "\\ufffe, \\uffff and surrogates without their pair cannot be stored (XML cannot carry them).");
        }
    }

    private static JsonDocument? ParseOrNull(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
