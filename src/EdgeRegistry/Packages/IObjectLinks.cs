namespace EdgeRegistry.Packages;

/// <summary>
/// The addresses of stored objects, as the operations hand them out and read them back: the permanent URL, a
/// presigned one, and the key a URL names. The one implementation, <see cref="PackageLinks"/>, points at this
/// server's own <c>/oss/</c> endpoint; an S3-compatible store would implement it with the bucket's URLs and its own
/// presigning, next to its <see cref="IBlobStore"/>, and no operation would change.
/// </summary>
public interface IObjectLinks
{
    /// <summary>The object's permanent URL: what <c>OssAddress</c> and <c>SourceConfig.ossAddress</c> carry.</summary>
    string ObjectUrl(string key);

    /// <summary>The object's URL, valid for <paramref name="method"/> (PUT to upload, GET to download) for five minutes.</summary>
    string Presigned(string key, string method);

    /// <summary>The object key a URL of <see cref="ObjectUrl"/>'s form names, or null for any other URL.</summary>
    string? KeyFromUrl(string? url);
}
