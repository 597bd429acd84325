using System.Security.Cryptography;
using System.Text;

namespace EdgeRegistry.Signing;

/// <summary>
/// Signature V1 (<c>SignatureMethod=HMAC-SHA1</c>): the sorted, strictly encoded parameters, prefixed by the
/// HTTP method and the encoded path <c>/</c>, signed with <c>secret + "&amp;"</c>.
/// </summary>
public static class V1Signature
{
    public const string Method = "HMAC-SHA1";
    public const string Version = "1.0";

    /// <summary>The decoded parameters, <c>Signature</c> left out, as <c>name=value&amp;…</c> in ordinal order.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var sorted = parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal);
        return string.Join('&', sorted.Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));
    }

    public static string StringToSign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters) =>
        httpMethod.ToUpperInvariant() + "&%2F&" + AcsPercentEncoding.Encode(CanonicalQuery(parameters));

    /// <summary>base64(HMAC-SHA1(secret + "&amp;", stringToSign)).</summary>
    public static string Sign(string stringToSign, string secret)
    {
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(mac);
    }

    /// <summary>Compares a presented signature with the expected one in constant time.</summary>
    public static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
