using System.Security.Cryptography;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli.User.Transfer;

/// <summary>What the server's digest of a transfer was checked against: its SHA-256, its MD5 ETag, or nothing it reported.</summary>
public enum DigestCheck
{
    None,
    Sha256,
    Md5,
}

/// <summary>The size and digests of bytes as they passed through this client.</summary>
public sealed record TransferResult(long Bytes, string Sha256Hex, string Md5Hex, DigestCheck CheckedAgainst);

/// <summary>
/// SHA-256 and MD5 of the bytes moved, taken on the way, and the check against what the object store reports:
/// <c>x-oss-hash-sha256</c>, else an ETag that is a plain MD5 (OSS's ETag of a simple upload; a multipart ETag is not).
/// </summary>
public sealed class TransferDigests : IDisposable
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    public long Bytes { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        _sha256.AppendData(data);
        _md5.AppendData(data);
        Bytes += data.Length;
    }

    /// <summary>The result, once every byte went through; throws when the server's digest differs from ours.</summary>
    public TransferResult Check(HttpResponseMessage response, string what)
    {
        var sha256 = Convert.ToHexStringLower(_sha256.GetHashAndReset());
        var md5 = Convert.ToHexStringLower(_md5.GetHashAndReset());
        var (check, theirs, ours) = response.Headers.TryGetValues("x-oss-hash-sha256", out var values) && values.FirstOrDefault() is { Length: > 0 } reported
            ? (DigestCheck.Sha256, reported, sha256)
            : response.Headers.ETag?.Tag.Trim('"') is { Length: 32 } etag && etag.All(char.IsAsciiHexDigit)
                ? (DigestCheck.Md5, etag, md5)
                : (DigestCheck.None, "", "");
        if (!string.Equals(theirs, ours, StringComparison.OrdinalIgnoreCase))
        {
            throw new AdminCliException(ExitCodes.Failed,
                $"{what}: the server's {(check == DigestCheck.Sha256 ? "SHA-256" : "MD5 (ETag)")} is {theirs.ToLowerInvariant()} but the bytes here have {ours}; the bytes changed on the way.");
        }

        return new TransferResult(Bytes, sha256, md5, check);
    }

    public void Dispose()
    {
        _sha256.Dispose();
        _md5.Dispose();
    }
}
