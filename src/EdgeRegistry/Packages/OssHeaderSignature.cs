using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeRegistry.Packages;

/// <summary>
/// OSS's V1 header signature (<c>Authorization: OSS AccessKeyId:Signature</c>), shared by the object endpoint that
/// checks it and the import client that sends it. The string to sign is OSS's: VERB, Content-MD5, Content-Type and
/// Date (the <c>x-oss-date</c> header when sent, else <c>Date</c>) each followed by a newline, then the x-oss-*
/// headers (names lower-cased, sorted, values trimmed, one <c>name:value\n</c> each), then the resource. EdgeRegistry
/// has no buckets: its objects live under <c>/oss/</c>, so the resource is <c>/oss/</c> + the object key (unescaped),
/// which is what an OSS SDK signs for path-style access to a bucket named <c>oss</c>. No sub-resources are signed.
/// </summary>
public static class OssHeaderSignature
{
    public const string Scheme = "OSS";
    public const string DateHeader = "x-oss-date";

    /// <summary>The <c>Date</c> format OSS requires (RFC 1123, GMT).</summary>
    public const string DateFormat = "r";

    public static string Resource(string objectKey) => PackageLinks.PathPrefix + objectKey;

    /// <summary>
    /// The string to sign; <paramref name="headers"/> lists every request header (name, value) whose x-oss-* ones are
    /// canonicalized.
    /// </summary>
    public static string StringToSign(string method, string? contentMd5, string? contentType, string date,
        IEnumerable<KeyValuePair<string, string>> headers, string objectKey)
    {
        var builder = new StringBuilder()
            .Append(method).Append('\n')
            .Append(contentMd5).Append('\n')
            .Append(contentType).Append('\n')
            .Append(date).Append('\n');
        foreach (var (name, value) in headers
            .Where(h => h.Key.StartsWith("x-oss-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        return builder.Append(Resource(objectKey)).ToString();
    }

    public static string Sign(string stringToSign, string secret) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));

    public static string Header(string accessKeyId, string signature) => $"{Scheme} {accessKeyId}:{signature}";

    /// <summary>The <c>id</c> and <c>signature</c> of <c>OSS id:signature</c>, or null for any other shape.</summary>
    public static (string AccessKeyId, string Signature)? Parse(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Scheme + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var credential = authorization[(Scheme.Length + 1)..].Trim();
        var colon = credential.LastIndexOf(':');
        return colon > 0 && colon < credential.Length - 1 ? (credential[..colon], credential[(colon + 1)..]) : null;
    }

    public static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    public static string FormatDate(DateTimeOffset date) => date.ToUniversalTime().ToString(DateFormat, CultureInfo.InvariantCulture);
}
