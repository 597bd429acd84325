using System.Text;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Signing;

/// <summary>The server's side of V3 for a captured vector, with optional tampering of each input.</summary>
internal static class V3Requests
{
    public static string Presented(SignatureVector vector) => Parse(vector.Authorization).Signature;

    public static V3Authorization Parse(string header) =>
        V3Authorization.TryParse(header, out var authorization, out var error)
            ? authorization!
            : throw new InvalidOperationException(error);

    public static string CanonicalRequest(
        SignatureVector vector,
        string? method = null,
        IEnumerable<KeyValuePair<string, string>>? query = null,
        IReadOnlyDictionary<string, string>? headers = null,
        IReadOnlyList<string>? signedHeaders = null,
        string? body = null)
    {
        var h = headers ?? vector.Headers;
        return V3Signature.CanonicalRequest(
            method ?? vector.Method,
            "/",
            query ?? WireForm.Decode(vector.QueryString),
            name => h.GetValueOrDefault(name),
            signedHeaders ?? Parse(vector.Authorization).SignedHeaders,
            V3Signature.HexSha256(Encoding.UTF8.GetBytes(body ?? vector.Body)));
    }

    public static string Recompute(
        SignatureVector vector,
        string? method = null,
        IEnumerable<KeyValuePair<string, string>>? query = null,
        IReadOnlyDictionary<string, string>? headers = null,
        IReadOnlyList<string>? signedHeaders = null,
        string? body = null,
        string? secret = null) =>
        V3Signature.Sign(
            V3Signature.StringToSign(CanonicalRequest(vector, method, query, headers, signedHeaders, body)),
            secret ?? SignatureVectors.AccessKeySecret);
}
