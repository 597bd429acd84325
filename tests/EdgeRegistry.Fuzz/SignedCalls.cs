using System.Text;
using System.Text.Json;

namespace EdgeRegistry.Fuzz;

/// <summary>Well-formed calls the fuzzer makes for itself: the set-up, and the final "does it still answer" check.</summary>
public sealed class SignedCalls(FuzzTarget target, RawHttpClient http)
{
    private readonly RpcRequests _rpc = new(target);

    /// <summary>A V1 call that must succeed; its JSON answer.</summary>
    public async Task<JsonElement> RpcAsync(string action, params (string Name, string Value)[] parameters)
    {
        var request = _rpc.V1Get(action, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)), Guid.NewGuid().ToString("N"));
        return await JsonOf(request, 200, CancellationToken.None);
    }

    public async Task<JsonElement> AdminAsync(string method, string path, string? body = null)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", target.Host), new("Authorization", "Bearer " + target.AdminToken) };
        if (body is not null)
        {
            headers.Add(new("Content-Type", "application/json"));
        }

        return await JsonOf(new RawRequest("admin", method, path, headers, body is null ? [] : Encoding.UTF8.GetBytes(body)), 0, CancellationToken.None);
    }

    public async Task PutAsync(string pathAndQuery, byte[] body)
    {
        var response = await http.SendAsync(new RawRequest("object-put", "PUT", pathAndQuery, [new("Host", target.Host)], body), CancellationToken.None);
        if (response.Status != 200)
        {
            throw new InvalidOperationException($"Upload to {pathAndQuery} answered {response.Label}: {Encoding.UTF8.GetString(response.Body)}");
        }
    }

    private async Task<JsonElement> JsonOf(RawRequest request, int expected, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, cancellationToken);
        if (response.Status is < 200 or >= 300 || (expected != 0 && response.Status != expected))
        {
            throw new InvalidOperationException($"{request.Method} {request.Target[..Math.Min(120, request.Target.Length)]} answered {response.Label}: {Encoding.UTF8.GetString(response.Body)}");
        }

        return response.Body.Length == 0 ? default : JsonDocument.Parse(response.Body).RootElement.Clone();
    }
}
