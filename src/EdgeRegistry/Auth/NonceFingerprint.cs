using System.IO.Hashing;
using System.Text;

namespace EdgeRegistry.Auth;

/// <summary>
/// A nonce and its AccessKeyId as one 64-bit number: what the nonce stores keep instead of the strings, since a
/// busy server sees millions of nonces in 15 minutes. With N nonces held, a new one is wrongly taken for a replay
/// with probability N / 2^64 — about 3·10^-13 at five million.
/// </summary>
public static class NonceFingerprint
{
    public static ulong Of(string accessKeyId, string nonce)
    {
        var length = Encoding.UTF8.GetMaxByteCount(accessKeyId.Length + nonce.Length + 1);
        Span<byte> bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(accessKeyId, bytes);
        bytes[written++] = (byte)'\n';
        written += Encoding.UTF8.GetBytes(nonce, bytes[written..]);
        return XxHash3.HashToUInt64(bytes[..written]);
    }
}
