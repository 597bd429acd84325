using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Crash;

/// <summary>What a call came back with: acknowledged (Success), refused (an error code), or no answer at all.</summary>
public sealed record CallResult(bool Acknowledged, string? Code, JsonElement Body);

/// <summary>Signed V1 calls and object transfers over HttpClient. A transport failure (the kill) throws.</summary>
public sealed class RegistryClient(HttpClient http, int port, string keyId, string secret)
{
    private readonly SignedRequestBuilder _signer = new(keyId, secret);

    public string Host => $"127.0.0.1:{port}";

    public async Task<CallResult> CallAsync(string action, params (string Name, string Value)[] parameters)
    {
        var body = _signer.SignV1("POST", action, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)),
            Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);
        using var content = new StringContent(body, MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded"));
        using var response = await http.PostAsync($"http://{Host}/", content);
        var root = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement.Clone();
        var success = root.TryGetProperty("Success", out var s) && s.ValueKind == JsonValueKind.True;
        return new CallResult(success && response.IsSuccessStatusCode, root.TryGetProperty("Code", out var c) ? c.GetString() : null, root);
    }

    public async Task<CallResult> RequireAsync(string action, params (string Name, string Value)[] parameters)
    {
        var result = await CallAsync(action, parameters);
        return result.Acknowledged ? result : throw new InvalidOperationException($"{action} answered {result.Body}");
    }

    public async Task<bool> PutAsync(string url, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        using var response = await http.PutAsync(Local(url), content);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The SHA-256 (hex) of what a download link serves, or the status when it is not 200.</summary>
    public async Task<string> DownloadSha256Async(string url)
    {
        using var response = await http.GetAsync(Local(url));
        return response.IsSuccessStatusCode
            ? Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync()))
            : $"HTTP {(int)response.StatusCode}";
    }

    /// <summary>Links name the port the server had when it issued them; a restarted server has another one.</summary>
    private string Local(string url) => $"http://{Host}{new Uri(url).PathAndQuery}";
}
