using System.Security.Cryptography;
using System.Text;

namespace EdgeRegistry.Signing;

/// <summary>
/// Signature V3 (<c>ACS3-HMAC-SHA256</c>): a canonical request of method, path, sorted query, the headers named in
/// SignedHeaders and the body hash; its SHA-256 is signed with the bare secret.
/// </summary>
public static class V3Signature
{
    public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// Query parameters sorted by name (then value), names and values strictly encoded, as Alibaba's V3 description
    /// says. The official Node client leaves names as they are, which is the same text for the plain ASCII names
    /// every Iot parameter has; an unencoded name with <c>=</c> or <c>&amp;</c> would let <c>A=a&amp;B=b</c> and a
    /// single parameter named <c>A=a&amp;B</c> share one canonical string, and so one signature.
    /// </summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query) =>
        string.Join('&', query
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));

    /// <param name="header">Looks a header up by its lower-case name; null when absent.</param>
    public static string CanonicalRequest(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        Func<string, string?> header,
        IReadOnlyList<string> signedHeaders,
        string bodySha256Hex)
    {
        var sortedNames = signedHeaders.Select(h => h.ToLowerInvariant()).OrderBy(h => h, StringComparer.Ordinal).ToArray();
        var builder = new StringBuilder(512);
        builder.Append(method.ToUpperInvariant()).Append('\n')
            .Append(path).Append('\n')
            .Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in sortedNames)
        {
            builder.Append(name).Append(':').Append((header(name) ?? "").Trim()).Append('\n');
        }

        builder.Append('\n').Append(string.Join(';', sortedNames)).Append('\n').Append(bodySha256Hex);
        return builder.ToString();
    }

    public static string StringToSign(string canonicalRequest) =>
        V3Authorization.Algorithm + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));

    /// <summary>hex(HMAC-SHA256(secret, stringToSign)), lower case.</summary>
    public static string Sign(string stringToSign, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Compares hex signatures in constant time, ignoring letter case.</summary>
    public static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(presented.ToLowerInvariant()),
            Encoding.ASCII.GetBytes(expected));
}
