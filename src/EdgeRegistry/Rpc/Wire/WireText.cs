using System.Xml;

namespace EdgeRegistry.Rpc.Wire;

/// <summary>
/// Makes any string writable: XmlWriter throws on characters XML 1.0 cannot carry, and Utf8JsonWriter on lone
/// surrogates, which UTF-8 cannot carry. Stored values never hold either (parameters are checked on the way in),
/// but an error message may quote whatever a caller sent, and a writer that throws answers an empty 500. Each such
/// character becomes U+FFFD. Clean text, nearly all of it, is returned as it is after one vectorised scan.
/// </summary>
public static class WireText
{
    public static string ForXml(string value)
    {
        // Everything from space to just before the surrogates is valid XML; look closer only past that.
        var first = value.AsSpan().IndexOfAnyExceptInRange(' ', '\uD7FF');
        return first < 0 ? value : Replace(value, first, xml: true);
    }

    public static string ForJson(string value)
    {
        var first = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        return first < 0 ? value : Replace(value, first, xml: false);
    }

    /// <summary>A complete surrogate pair always stays; a lone surrogate never; other characters as XML allows.</summary>
    private static string Replace(string value, int first, bool xml)
    {
        char[]? chars = null;
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (xml && !XmlConvert.IsXmlChar(c)))
            {
                chars ??= value.ToCharArray();
                chars[i] = '\uFFFD';
            }
        }

        return chars is null ? value : new string(chars);
    }
}
