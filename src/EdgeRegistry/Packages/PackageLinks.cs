using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeRegistry.Packages;

public enum LinkCheck
{
    Ok,
    Unsigned,
    Expired,
    UnknownKey,
    Mismatch,
}

/// <summary>
/// The URLs of objects: permanent ones (<c>{public-url}/oss/{key}</c>) and presigned ones that add
/// <c>Expires</c>, <c>OSSAccessKeyId</c> and <c>Signature</c> as OSS does. A signature covers the method, the expiry
/// and the object key (HMAC-SHA1 with the server's link key, which lives sealed in the store so every replica signs
/// alike and links outlive restarts), so a link opens one object, for one method, until it expires.
/// </summary>
public sealed class PackageLinks(TimeProvider time) : IObjectLinks
{
    public const string PathPrefix = "/oss/";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(300);

    private Uri? _publicBase;
    private byte[]? _key;
    private string _keyId = "";

    public string KeyId => _keyId;

    /// <summary>Called once at start-up, when the public URL and the link key are known.</summary>
    public void Configure(Uri publicBase, byte[] key)
    {
        _publicBase = publicBase;
        _key = key;
        _keyId = "EDGEREG" + Convert.ToHexString(SHA256.HashData(key))[..16];
    }

    public string ObjectUrl(string key) =>
        _publicBase!.GetLeftPart(UriPartial.Authority) + _publicBase.AbsolutePath.TrimEnd('/') + PathPrefix +
        string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    public string Presigned(string key, string method)
    {
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        return $"{ObjectUrl(key)}?Expires={expires}&OSSAccessKeyId={_keyId}&Signature={Uri.EscapeDataString(Sign(method, key, expires))}";
    }

    public LinkCheck Check(string method, string key, IQueryCollection query)
    {
        string? expires = query["Expires"], keyId = query["OSSAccessKeyId"], signature = query["Signature"];
        if (string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(signature))
        {
            return LinkCheck.Unsigned;
        }

        if (keyId != _keyId)
        {
            return LinkCheck.UnknownKey;
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return LinkCheck.Mismatch;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(method, key, expiresAt));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return LinkCheck.Mismatch;
        }

        return expiresAt < time.GetUtcNow().ToUnixTimeSeconds() ? LinkCheck.Expired : LinkCheck.Ok;
    }

    /// <summary>
    /// The object key an EdgeRegistry object URL names, or null for any other URL. The path may start with the public
    /// URL's path (what a proxy strips) or directly with <c>/oss/</c>; host and scheme are not compared, since a
    /// proxy may rewrite them.
    /// </summary>
    public string? KeyFromUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = uri.AbsolutePath;
        var basePath = _publicBase?.AbsolutePath.TrimEnd('/') ?? "";
        if (basePath.Length > 0 && path.StartsWith(basePath + PathPrefix, StringComparison.Ordinal))
        {
            path = path[basePath.Length..];
        }

        return path.StartsWith(PathPrefix, StringComparison.Ordinal) ? Uri.UnescapeDataString(path[PathPrefix.Length..]) : null;
    }

    private string Sign(string method, string key, long expires) =>
        Convert.ToBase64String(HMACSHA1.HashData(_key!, Encoding.UTF8.GetBytes($"{method}\n{expires}\n/{key}")));
}
