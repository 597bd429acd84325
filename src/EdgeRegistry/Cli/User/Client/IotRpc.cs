using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Cli.User.Client;

/// <summary>An AccessKey pair and where it was found, so messages can say which one the server refused.</summary>
public sealed record AccessKeyPair(string AccessKeyId, string AccessKeySecret, string Source);

/// <summary>
/// Sends Iot API calls signed as the current SDKs sign them (V3, <c>ACS3-HMAC-SHA256</c>) and reads the envelope.
/// Parameters travel in a form body, which V3 signs through <c>x-acs-content-sha256</c>, so that a few 64 KiB JSON
/// values never meet a URL length limit. <c>Throttling.User</c> is retried with back-off: a throttled call changed nothing.
/// </summary>
public sealed class IotRpc(HttpClient http, Uri endpoint, AccessKeyPair key, string? instanceId)
{
    public const int MaxAttempts = 8;

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(8);

    private readonly SignedRequestBuilder _signer = new(key.AccessKeyId, key.AccessKeySecret);

    /// <summary>Waits between throttled attempts; tests may shorten it.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>Calls <paramref name="action"/>; returns the answer's root object, or throws <see cref="IotApiException"/>.</summary>
    public async Task<JsonElement> CallAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> all = [.. parameters];
        if (!string.IsNullOrEmpty(instanceId))
        {
            all.Add(new("IotInstanceId", instanceId));
        }

        var body = Encoding.UTF8.GetBytes(string.Join('&', all.Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value))));
        for (var attempt = 1; ; attempt++)
        {
            var (root, error, retryAfter) = await SendOnceAsync(action, body, cancellationToken);
            if (error is null)
            {
                return root;
            }

            if (error.Code != "Throttling.User" || attempt == MaxAttempts)
            {
                throw error;
            }

            await Delay(BackOff(attempt, retryAfter), cancellationToken);
        }
    }

    /// <summary>The answer's root, or the error it carried and how long the server asked to wait before another try.</summary>
    private async Task<(JsonElement Root, IotApiException? Error, TimeSpan RetryAfter)> SendOnceAsync(
        string action, byte[] body, CancellationToken cancellationToken)
    {
        // Signed afresh each attempt: a retry needs a new nonce and a current timestamp.
        var host = endpoint.Authority;
        var contentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        var headers = _signer.SignV3("POST", host, action, [], Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, body, contentType.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = contentType;
        request.Headers.Host = host;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in headers.Where(h => h.Key is not ("host" or "content-type")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var root = Parse(response, text);
        var failed = (int)response.StatusCode >= 400
            || (root.TryGetProperty("Success", out var success) && success.ValueKind == JsonValueKind.False);
        return (root, failed ? ErrorOf(response.StatusCode, root) : null, response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero);
    }

    private static JsonElement Parse(HttpResponseMessage response, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException) when (!response.IsSuccessStatusCode)
        {
            // Not the API's error shape: a proxy or another server answered; the status line still says what happened.
        }

        if (response.IsSuccessStatusCode)
        {
            throw new JsonException($"HTTP {(int)response.StatusCode} with a body that is not the Iot API's JSON object");
        }

        throw new IotApiException(response.StatusCode, null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd(), null);
    }

    private static IotApiException ErrorOf(HttpStatusCode status, JsonElement root)
    {
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var message = Text("ErrorMessage") ?? Text("Message") ?? $"HTTP {(int)status}";
        return new IotApiException(status, Text("Code"), message, Text("RequestId"));
    }

    /// <summary>What the server asked for, at least a doubling from a quarter second, with jitter so parallel runs spread out.</summary>
    private static TimeSpan BackOff(int attempt, TimeSpan retryAfter)
    {
        var doubling = TimeSpan.FromMilliseconds(250 * Math.Pow(2, Math.Min(attempt - 1, 5)));
        var wait = retryAfter > doubling ? retryAfter : doubling;
        return (wait < MaxBackOff ? wait : MaxBackOff) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
    }
}
