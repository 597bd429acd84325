using System.Globalization;
using System.Text;

namespace EdgeRegistry.Rpc;

/// <summary>
/// A caller's text (a parameter name, a Format value) as an error message quotes it: control characters and lone
/// surrogates spelled <c>\uXXXX</c>, so the caller sees what was wrong in either format; long text cut short, so
/// an error never echoes a megabyte back.
/// </summary>
public static class ClientText
{
    private const int MaxQuoted = 100;

    public static string Quote(string text)
    {
        if (text.Length <= MaxQuoted && !NeedsEscaping(text))
        {
            return text;
        }

        var cut = text.Length > MaxQuoted;
        var shown = cut ? text[..MaxQuoted] : text;
        var builder = new StringBuilder(shown.Length + 8);
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]))
            {
                builder.Append(c).Append(shown[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }

    /// <summary>
    /// Control characters (a CR would start a forged line in a text log), surrogates (a pair is kept by Quote) and the
    /// two non-characters: the rare text that Quote must rewrite.
    /// </summary>
    private static bool NeedsEscaping(string text) =>
        text.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0 ||
        text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 || text.AsSpan().IndexOfAny('\uFFFE', '\uFFFF') >= 0;
}
