using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EdgeRegistry.Admin;
using EdgeRegistry.Cli.Admin.Client;

namespace EdgeRegistry.Cli.Admin.Import;

/// <summary>
/// The import routes of the target's admin API (docs/admin-api.md, "Import"), for one account and instance. The
/// records are the server's own (<see cref="AdminImportEndpoints"/>): both ends are this program.
/// </summary>
public sealed class ImportTarget(HttpClient http, string accountId, string? instanceId)
{
    /// <summary>The driver as the target stores it, or null when it has none with the id.</summary>
    public async Task<AdminImportEndpoints.StoredDriver?> GetDriverAsync(string driverId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Path(driverId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && await ErrorAsync(response, cancellationToken) is { Code: "DriverNotFound" })
        {
            return null;
        }

        await EnsureAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<AdminImportEndpoints.StoredDriver>(AdminJson.Wire, cancellationToken)
            ?? throw new JsonException("the driver answered null");
    }

    public async Task PutDriverAsync(string driverId, AdminImportEndpoints.ImportedDriver driver, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Path(driverId), driver, AdminJson.Wire, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    public async Task PutVersionAsync(string driverId, string version, AdminImportVersionEndpoints.ImportedVersion content, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Path(driverId, "versions", version), content, AdminJson.Wire, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    /// <summary>Stores a file for a version; the server checks it against <paramref name="sha256"/>. Returns its URL at the target.</summary>
    public async Task<string> PutFileAsync(string driverId, string version, string kind, string fileName, Stream content, long length, string sha256,
        CancellationToken cancellationToken)
    {
        using var body = new StreamContent(content, 81920);
        body.Headers.ContentLength = length;
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PutAsync(Path(driverId, "versions", version, "files", kind, fileName) + "&sha256=" + sha256, body, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var stored = await response.Content.ReadFromJsonAsync<JsonElement>(AdminJson.Wire, cancellationToken);
        return stored.GetProperty("url").GetString() ?? throw new JsonException("the file answered without its url");
    }

    private string Path(string driverId, params string[] segments) =>
        string.Join('/', ["admin/accounts", Uri.EscapeDataString(accountId), "drivers", Uri.EscapeDataString(driverId), .. segments.Select(Uri.EscapeDataString)])
        + "?instance=" + Uri.EscapeDataString(instanceId ?? "");

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var error = await ErrorAsync(response, cancellationToken);
            throw new AdminApiException(response.StatusCode, error?.Code, error?.Message ?? $"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private static async Task<AdminError?> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize<AdminError>(await response.Content.ReadAsStringAsync(cancellationToken), AdminJson.Wire);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
