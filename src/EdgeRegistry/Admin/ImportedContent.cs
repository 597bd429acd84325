using System.Text.Json;

namespace EdgeRegistry.Admin;

/// <summary>The object URLs a stored version names: <c>SourceConfig.ossAddress</c> and the content of each FILE driver config.</summary>
public static class ImportedContent
{
    public static IReadOnlyList<string> ObjectUrls(Drivers.DriverVersionContent content)
    {
        var urls = new List<string>();
        try
        {
            if (content.SourceConfig.Length > 0)
            {
                using var source = JsonDocument.Parse(content.SourceConfig);
                if (source.RootElement.ValueKind == JsonValueKind.Object && source.RootElement.TryGetProperty("ossAddress", out var address)
                    && address.ValueKind == JsonValueKind.String)
                {
                    urls.Add(address.GetString()!);
                }
            }

            if (content.DriverConfig.Length > 0)
            {
                using var config = JsonDocument.Parse(content.DriverConfig);
                var root = config.RootElement;
                var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
                urls.AddRange(items
                    .Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String
                        && f.GetString() == "FILE" && i.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
                    .Select(i => i.GetProperty("content").GetString()!));
            }
        }
        catch (JsonException)
        {
            // Stored values were validated when written; a row that is not JSON names no object.
        }

        return urls;
    }
}
