using System.Buffers;

namespace EdgeRegistry.Rpc.Wire;

/// <summary>
/// The characters XML 1.0 cannot carry: control characters other than tab, LF and CR, U+FFFE, U+FFFF, and a
/// surrogate without its pair. Parameters holding one are refused, so that every stored value can be answered in
/// both formats; the XML writer (WireText.ForXml) replaces any that older releases stored, rather than fail the answer.
/// </summary>
public static class XmlText
{
    private static readonly SearchValues<char> Suspects = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c),
         .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c), '\uFFFE', '\uFFFF']);

    /// <summary>The index of the first character XML cannot carry, or -1.</summary>
    public static int FindInvalid(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAny(Suspects);
        while (at >= 0)
        {
            // A surrogate pair (an emoji, say) is one character XML carries; anything else found here is not.
            if (!char.IsHighSurrogate(text[at]) || at + 1 >= text.Length || !char.IsLowSurrogate(text[at + 1]))
            {
                return at;
            }

            at += 2;
            var next = text[at..].IndexOfAny(Suspects);
            at = next < 0 ? -1 : at + next;
        }

        return -1;
    }

    /// <summary>A character as a JSON escape (<c>\ud800</c>), the way a message can name it without carrying it.</summary>
    public static string Escape(char c) => $"\\u{(int)c:x4}";
}
