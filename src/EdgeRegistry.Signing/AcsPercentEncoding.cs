using System.Buffers;
using System.Text;

namespace EdgeRegistry.Signing;

/// <summary>
/// The strict percent-encoding both signature schemes canonicalise with: UTF-8, then every byte except
/// <c>A–Z a–z 0–9 - _ . ~</c> as <c>%XX</c> (upper-case hex). Clients put looser encodings on the wire,
/// so a verifier always decodes first and re-encodes with this.
/// </summary>
public static class AcsPercentEncoding
{
    private const string Hex = "0123456789ABCDEF";

    private static readonly SearchValues<char> Unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");

    public static string Encode(string value)
    {
        if (IsAllUnreserved(value))
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    // Vectorised: most names and values are plain, and a verifier checks every one of them on every request.
    private static bool IsAllUnreserved(string value) => !value.AsSpan().ContainsAnyExcept(Unreserved);

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z'
          or >= (byte)'a' and <= (byte)'z'
          or >= (byte)'0' and <= (byte)'9'
          or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
