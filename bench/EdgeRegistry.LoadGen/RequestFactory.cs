using System.Text;
using EdgeRegistry.Signing;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// Builds complete HTTP/1.1 requests as bytes, signed ahead of time with a unique nonce each, so that a measured
/// run spends the generator's time only on sockets. V1: <c>GET /?…&amp;Signature=…</c>; V3: <c>POST /?query</c>
/// with an empty body and the <c>x-acs-*</c> and Authorization headers.
/// </summary>
public sealed class RequestFactory(string host, BenchCredentials credentials)
{
    private readonly SignedRequestBuilder _signer = new(credentials.AccessKeyId, credentials.AccessKeySecret);
    private readonly SignedRequestBuilder _wrongSigner = new(credentials.AccessKeyId, "not-the-secret-" + credentials.AccessKeySecret);

    public string Host => host;

    public byte[] Health() => Encoding.ASCII.GetBytes($"GET /health/live HTTP/1.1\r\nHost: {host}\r\n\r\n");

    public byte[] V1Get(string action, IEnumerable<KeyValuePair<string, string>> parameters) =>
        Get(_signer.SignV1("GET", action, parameters, NewNonce(), DateTimeOffset.UtcNow));

    /// <summary>A V1 request signed with the wrong secret: the server must answer SignatureDoesNotMatch.</summary>
    public byte[] V1GetBadSignature(string action, IEnumerable<KeyValuePair<string, string>> parameters) =>
        Get(_wrongSigner.SignV1("GET", action, parameters, NewNonce(), DateTimeOffset.UtcNow));

    public byte[] V3Post(string action, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var headers = _signer.SignV3("POST", host, action, query, NewNonce(), DateTimeOffset.UtcNow);
        var text = new StringBuilder(1024);
        text.Append("POST /?")
            .AppendJoin('&', query.Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)))
            .Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("accept: application/json\r\ncontent-length: 0\r\n\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private byte[] Get(string signedQuery) => Encoding.ASCII.GetBytes($"GET /?{signedQuery} HTTP/1.1\r\nHost: {host}\r\n\r\n");

    private static string NewNonce() => Guid.NewGuid().ToString("N");
}
