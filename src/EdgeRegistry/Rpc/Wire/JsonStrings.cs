using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace EdgeRegistry.Rpc.Wire;

/// <summary>A string or property name of a JSON value that decodes to a character XML cannot carry.</summary>
/// <param name="Path">The string, or the object holding the property name: <c>SourceConfig.a[1].b</c>.</param>
public sealed record UncarryableText(string Path, bool InPropertyName, char Character, int Position)
{
    /// <summary>What is wrong, as the rest of a sentence whose subject is <see cref="Path"/>.</summary>
    public string Problem =>
        $"has {(InPropertyName ? "a property name with " : "")}{XmlText.Escape(Character)} at position {Position} once its JSON escapes are decoded";
}

/// <summary>
/// The strings of a JSON value as a reader gets them, escapes decoded. A JSON text can be plain ASCII and still spell,
/// with <c>\u0000</c> or a lone <c>\ud800</c>, a character XML cannot carry, and System.Text.Json throws when asked to
/// decode a lone surrogate. This decoder never throws, so such text can be found and named when it is written, and
/// read around in rows older releases stored.
/// </summary>
public static class JsonStrings
{
    /// <summary>The first string or property name in <paramref name="element"/> that decodes to uncarryable text, or null.</summary>
    /// <param name="path">Names <paramref name="element"/>; empty for a document whose paths start at its fields.</param>
    public static UncarryableText? FindUncarryable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = Decode(JsonMarshal.GetRawUtf8PropertyName(property));
                    if (XmlText.FindInvalid(name) is var at and >= 0)
                    {
                        return new UncarryableText(path, true, name[at], at);
                    }

                    if (FindUncarryable(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } inValue)
                    {
                        return inValue;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUncarryable(item, $"{path}[{index++}]") is { } inItem)
                    {
                        return inItem;
                    }
                }

                return null;
            case JsonValueKind.String:
                var text = Decode(JsonMarshal.GetRawUtf8Value(element)[1..^1]);
                return XmlText.FindInvalid(text) is var position and >= 0 ? new UncarryableText(path, false, text[position], position) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The text of a JSON string from its raw UTF-8 between the quotes, as a JSON reader accepted it (so every escape is
    /// well formed). An escaped surrogate without its pair comes out as that lone surrogate instead of an exception.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        var backslash = raw.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            return Encoding.UTF8.GetString(raw);
        }

        var text = new StringBuilder(raw.Length);
        while (backslash >= 0)
        {
            text.Append(Encoding.UTF8.GetString(raw[..backslash]));
            var escape = raw[backslash + 1];
            if (escape == (byte)'u')
            {
                text.Append((char)int.Parse(raw.Slice(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                raw = raw[(backslash + 6)..];
            }
            else
            {
                text.Append(escape switch
                {
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    (byte)'n' => '\n',
                    (byte)'r' => '\r',
                    (byte)'t' => '\t',
                    _ => (char)escape,
                });
                raw = raw[(backslash + 2)..];
            }

            backslash = raw.IndexOf((byte)'\\');
        }

        return text.Append(Encoding.UTF8.GetString(raw)).ToString();
    }
}
