using System.Text.Json;

namespace EdgeRegistry.Cli.User.Versions;

/// <summary>
/// A version's code package as its SourceConfig names it: the permanent <c>ossAddress</c>, and the 5-minute
/// <c>temporaryOssAddress</c> the server adds to every answer once the bytes are stored.
/// </summary>
public sealed record PackageSource(string? OssAddress, string? TemporaryOssAddress)
{
    /// <summary>The object's file name: the last segment of its address.</summary>
    public string? FileName =>
        Uri.TryCreate(OssAddress ?? TemporaryOssAddress, UriKind.Absolute, out var uri) && uri.Segments is [.., var last] && last != "/"
            ? Uri.UnescapeDataString(last)
            : null;

    /// <summary>Null when the version names no package, or its SourceConfig is not a JSON object.</summary>
    public static PackageSource? Of(Client.IotDriverVersion version)
    {
        if (string.IsNullOrEmpty(version.SourceConfig))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(version.SourceConfig);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var source = new PackageSource(Text(root, "ossAddress"), Text(root, "temporaryOssAddress"));
            return source is { OssAddress: null, TemporaryOssAddress: null } ? null : source;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The SourceConfig that names an uploaded package.</summary>
    public static string SourceConfigFor(string ossAddress) => JsonSerializer.Serialize(new Dictionary<string, string> { ["ossAddress"] = ossAddress });

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
