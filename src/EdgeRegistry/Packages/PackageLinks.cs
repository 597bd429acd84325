using System.Buffers;
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

    // Characters Uri.EscapeDataString leaves as they are, and the path separator: a key of only these is its own URL path.
    private static readonly SearchValues<char> PlainKey =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/");

    private Uri? _publicBase;
    private string _objectPrefix = "";
    private string _keyId = "";

    // One keyed HMAC per thread, reset after each link: a one-shot HMAC keys OpenSSL afresh every time, and an answer
    // signs a link for every version it lists.
    private ThreadLocal<IncrementalHash>? _hmac;

    public string KeyId => _keyId;

    /// <summary>Called once at start-up, when the public URL and the link key are known.</summary>
    public void Configure(Uri publicBase, byte[] key)
    {
        _publicBase = publicBase;
        _objectPrefix = publicBase.GetLeftPart(UriPartial.Authority) + publicBase.AbsolutePath.TrimEnd('/') + PathPrefix;
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key));
        _keyId = "EDGEREG" + Convert.ToHexString(SHA256.HashData(key))[..16];
    }

    public string ObjectUrl(string key) => key.AsSpan().ContainsAnyExcept(PlainKey)
        ? _objectPrefix + string.Join('/', key.Split('/').Select(Uri.EscapeDataString))
        : _objectPrefix + key;

    /// <summary>Made for every version of every answer that lists one, so it signs on the stack.</summary>
    public string Presigned(string key, string method)
    {
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        Span<char> signature = stackalloc char[Base64Length];
        Sign(method, key, expires, signature);
        Span<char> escaped = stackalloc char[3 * Base64Length];
        return $"{ObjectUrl(key)}?Expires={expires}&OSSAccessKeyId={_keyId}&Signature={EscapeBase64(signature, escaped)}";
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

    // Base64 of an HMAC-SHA1 (20 bytes).
    private const int Base64Length = 28;

    private string Sign(string method, string key, long expires)
    {
        Span<char> signature = stackalloc char[Base64Length];
        Sign(method, key, expires, signature);
        return new string(signature);
    }

    private void Sign(string method, string key, long expires, Span<char> base64)
    {
        var text = $"{method}\n{expires}\n/{key}";
        var length = Encoding.UTF8.GetByteCount(text);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var bytes = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            Encoding.UTF8.GetBytes(text, bytes);
            Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
            var hmac = _hmac!.Value!;
            hmac.AppendData(bytes);
            hmac.GetHashAndReset(hash);
            Convert.TryToBase64Chars(hash, base64, out _);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Uri.EscapeDataString for base64: '+', '/' and '=' are the only characters it changes.</summary>
    private static ReadOnlySpan<char> EscapeBase64(ReadOnlySpan<char> base64, Span<char> escaped)
    {
        var n = 0;
        foreach (var c in base64)
        {
            var code = c switch { '+' => "%2B", '/' => "%2F", '=' => "%3D", _ => null };
            if (code is null)
            {
                escaped[n++] = c;
            }
            else
            {
                code.CopyTo(escaped[n..]);
                n += code.Length;
            }
        }

        return escaped[..n];
    }
}
