using System.Globalization;

namespace EdgeRegistry.Signing;

/// <summary>
/// Builds signed requests the way the official clients do, for our own callers (tests, the load generator,
/// the CLI). The server never uses it: verification rebuilds the canonical strings from what arrived.
/// </summary>
public sealed class SignedRequestBuilder(string accessKeyId, string accessKeySecret)
{
    public const string ApiVersion = "2018-01-20";

    /// <summary>
    /// A V1 request: the common parameters added to <paramref name="parameters"/> and the signature appended last,
    /// returned as an encoded <c>name=value&amp;…</c> string for a query or a form body.
    /// </summary>
    public string SignV1(string httpMethod, string action, IEnumerable<KeyValuePair<string, string>> parameters,
        string nonce, DateTimeOffset timestamp, string format = "JSON")
    {
        var all = new List<KeyValuePair<string, string>>(parameters)
        {
            new("Action", action),
            new("Version", ApiVersion),
            new("Format", format),
            new("AccessKeyId", accessKeyId),
            new("SignatureMethod", V1Signature.Method),
            new("SignatureVersion", V1Signature.Version),
            new("SignatureNonce", nonce),
            new("Timestamp", FormatTimestamp(timestamp)),
        };
        var signature = V1Signature.Sign(V1Signature.StringToSign(httpMethod, all), accessKeySecret);
        all.Add(new("Signature", signature));
        return string.Join('&', all.Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));
    }

    /// <summary>
    /// A V3 request to <c>POST /?query</c> with the given body: the headers to send, <c>Authorization</c> included.
    /// A request with a body must sign the <paramref name="contentType"/> it sends (the server refuses one that does
    /// not, as the type decides whether the body's bytes are read as parameters), as the official clients do.
    /// </summary>
    public IReadOnlyDictionary<string, string> SignV3(string httpMethod, string host, string action,
        IEnumerable<KeyValuePair<string, string>> query, string nonce, DateTimeOffset timestamp, ReadOnlySpan<byte> body = default,
        string? contentType = null)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = host,
            ["x-acs-action"] = action,
            ["x-acs-version"] = ApiVersion,
            ["x-acs-date"] = FormatTimestamp(timestamp),
            ["x-acs-signature-nonce"] = nonce,
            ["x-acs-content-sha256"] = V3Signature.HexSha256(body),
        };
        if (contentType is not null)
        {
            headers["content-type"] = contentType;
        }

        var signedHeaders = headers.Keys.ToArray();
        var canonical = V3Signature.CanonicalRequest(httpMethod, "/", query,
            name => headers.GetValueOrDefault(name), signedHeaders, headers["x-acs-content-sha256"]);
        var signature = V3Signature.Sign(V3Signature.StringToSign(canonical), accessKeySecret);
        var result = new Dictionary<string, string>(headers, StringComparer.Ordinal)
        {
            ["authorization"] = new V3Authorization(accessKeyId, signedHeaders, signature).ToString(),
        };
        return result;
    }

    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
