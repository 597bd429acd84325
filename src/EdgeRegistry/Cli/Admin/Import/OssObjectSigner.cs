using System.Net.Http.Headers;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Packages;

namespace EdgeRegistry.Cli.Admin.Import;

/// <summary>
/// Signs a GET of a source object with the source's AccessKey, as an OSS bucket owner does
/// (<see cref="OssHeaderSignature"/>): how the import reads a FILE config that an EdgeRegistry source serves to no
/// presigned link (or a package whose temporary link expired). Only the signature travels, and only to a URL whose
/// path has <c>/oss/</c> in it (never to Alibaba's OSS hosts); it opens that one object for GET, for the 15 minutes
/// around its date.
/// </summary>
public sealed class OssObjectSigner(AccessKeyPair key, TimeProvider time)
{
    /// <summary>A signer for <paramref name="url"/>, or null when its path names no object under <c>/oss/</c>.</summary>
    public Action<HttpRequestMessage>? For(string url)
    {
        if (ObjectKeyOf(url) is not { } objectKey)
        {
            return null;
        }

        return request =>
        {
            // The permanent URL: a presigned query (an expired link) would be checked instead of the header.
            request.RequestUri = new Uri(request.RequestUri!.GetLeftPart(UriPartial.Path));
            var date = OssHeaderSignature.FormatDate(time.GetUtcNow());
            request.Headers.TryAddWithoutValidation(OssHeaderSignature.DateHeader, date);
            var headers = request.Headers.NonValidated.Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value)));
            var stringToSign = OssHeaderSignature.StringToSign(request.Method.Method, null, null, date, headers, objectKey);
            request.Headers.Authorization = new AuthenticationHeaderValue(OssHeaderSignature.Scheme,
                $"{key.AccessKeyId}:{OssHeaderSignature.Sign(stringToSign, key.AccessKeySecret)}");
        };
    }

    /// <summary>The object key: the unescaped path after the first <c>/oss/</c> (a public URL's base path comes before it).</summary>
    public static string? ObjectKeyOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var path = uri.AbsolutePath;
        var at = path.IndexOf(PackageLinks.PathPrefix, StringComparison.Ordinal);
        return at < 0 || at + PackageLinks.PathPrefix.Length == path.Length ? null : Uri.UnescapeDataString(path[(at + PackageLinks.PathPrefix.Length)..]);
    }
}
