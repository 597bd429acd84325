using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace EdgeRegistry.Rpc.Wire;

/// <summary>
/// Escapes only what JSON requires (quote, backslash, control characters). The old Java SDK's JSON reader
/// mangles <c>\uXXXX</c>, so non-ASCII text, <c>=&amp;&lt;&gt;</c> and characters beyond the BMP go out as they are —
/// which even <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> does not promise.
/// </summary>
public sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static MinimalJsonEncoder Instance { get; } = new();

    // The only bytes and characters JSON requires escaping: control characters, quote and backslash. A vectorised
    // search for them replaces the base class's scalar-by-scalar walk, which dominated writing a page.
    private static readonly SearchValues<byte> EscapedBytes = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);
    private static readonly SearchValues<char> EscapedChars = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '"', '\\']);

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar < 0x20 || unicodeScalar is '"' or '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        new ReadOnlySpan<char>(text, textLength).IndexOfAny(EscapedChars);

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text) => utf8Text.IndexOfAny(EscapedBytes);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        string escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            < 0x20 => $"\\u{unicodeScalar:X4}",
            _ => new Rune(unicodeScalar).ToString(),
        };
        if (escaped.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        escaped.CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = escaped.Length;
        return true;
    }
}
