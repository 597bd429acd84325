using System.Text;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Fuzz;

/// <summary>Signed RPC requests in the three shapes the official clients send: V1 query, V1 form body, V3 headers.</summary>
public sealed class RpcRequests(FuzzTarget target)
{
    private readonly SignedRequestBuilder _signer = new(target.AccessKeyId, target.AccessKeySecret);

    public RawRequest V1Get(string action, IEnumerable<KeyValuePair<string, string>> parameters, string nonce, string format = "JSON") =>
        new("rpc-v1-get", "GET", "/?" + _signer.SignV1("GET", action, parameters, nonce, DateTimeOffset.UtcNow, format), Base(), []);

    public RawRequest V1Form(string action, IEnumerable<KeyValuePair<string, string>> parameters, string nonce, string format = "JSON")
    {
        var body = Encoding.ASCII.GetBytes(_signer.SignV1("POST", action, parameters, nonce, DateTimeOffset.UtcNow, format));
        var headers = Base();
        headers.Add(new("Content-Type", "application/x-www-form-urlencoded"));
        return new RawRequest("rpc-v1-form", "POST", "/", headers, body);
    }

    /// <summary>V3: parameters in the query (the generated SDKs), or in a signed form body when <paramref name="inBody"/>.</summary>
    public RawRequest V3(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, string nonce, bool inBody = false)
    {
        var query = inBody ? [] : parameters;
        var body = inBody ? Encoding.ASCII.GetBytes(Encode(parameters)) : [];
        var contentType = inBody ? "application/x-www-form-urlencoded" : null;
        var signed = _signer.SignV3("POST", target.Host, action, query, nonce, DateTimeOffset.UtcNow, body, contentType);
        var headers = signed.Select(h => new KeyValuePair<string, string>(h.Key, h.Value)).ToList();
        headers.Add(new("accept", "application/json"));
        return new RawRequest(inBody ? "rpc-v3-form" : "rpc-v3", "POST", query.Count == 0 ? "/" : "/?" + Encode(query), headers, body);
    }

    public static string Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));

    private List<KeyValuePair<string, string>> Base() => [new("Host", target.Host)];
}
