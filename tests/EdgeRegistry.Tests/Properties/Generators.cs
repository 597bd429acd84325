using System.Text;
using CsCheck;

namespace EdgeRegistry.Tests.Properties;

/// <summary>
/// Shared generators. "Any" text is any UTF-16, lone surrogates and control characters included (what a stored row
/// or a buggy client can hold); "Unicode" text is valid Unicode (what a server can decode from UTF-8 bytes).
/// Both lean towards the characters that matter to encoders: <c>= &amp; % + ~ *</c>, space, quotes, controls.
/// </summary>
internal static class Generators
{
    private const string Tricky = "=&%+~*!'() \"\\<>/.?#;:,-_\t\r\n\0\u007f\u0085\u00a0\u2028\ufeff\uffff";

    /// <summary>Any UTF-16 code unit, surrogates included, weighted towards the tricky ones and ASCII.</summary>
    public static readonly Gen<char> AnyChar = Gen.Frequency(
        (4, Gen.Char['a', 'z']),
        (3, Gen.Char[Tricky]),
        (2, Gen.Char['\u0000', '\u007f']),
        (1, Gen.Char['\ud800', '\udfff']),
        (1, Gen.Char['\u0080', '\uffff']));

    public static readonly Gen<string> AnyText = Gen.String[AnyChar, 0, 24];

    /// <summary>One Unicode scalar value as a string: BMP or supplementary, never a lone surrogate.</summary>
    public static readonly Gen<string> Scalar = Gen.Frequency(
        (4, Gen.Char['a', 'z'].Select(c => c.ToString())),
        (3, Gen.Char[Tricky].Select(c => c.ToString())),
        (2, Gen.Int[0, 0xD7FF].Select(i => char.ConvertFromUtf32(i))),
        (1, Gen.Int[0xE000, 0x10FFFF].Select(i => char.ConvertFromUtf32(i))));

    public static readonly Gen<string> UnicodeText = Scalar.Array[0, 16].Select(parts => string.Concat(parts));

    /// <summary>Text XML 1.0 can carry (what a request value may be): valid Unicode without the refused controls.</summary>
    public static readonly Gen<string> CarryableText = UnicodeText.Where(t => EdgeRegistry.Rpc.Wire.XmlText.FindInvalid(t) < 0);

    public static readonly Gen<KeyValuePair<string, string>> UnicodePair =
        Gen.Select(UnicodeText, UnicodeText, (k, v) => new KeyValuePair<string, string>(k, v));

    /// <summary>A JSON string literal whose characters are written raw or as \u escapes, lone surrogates included.</summary>
    public static readonly Gen<string> JsonStringLiteral = Gen.Select(AnyText, Gen.Bool.Array[24], (text, escape) =>
    {
        var literal = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (escape[i] || c < 0x20 || c is '"' or '\\' || char.IsSurrogate(c))
            {
                literal.Append($"\\u{(int)c:x4}");
            }
            else
            {
                literal.Append(c);
            }
        }

        return literal.Append('"').ToString();
    });

    /// <summary>Random JSON values a few levels deep: objects with known and unknown keys, arrays, scalars.</summary>
    public static Gen<string> JsonValue(int depth, params string[] keys)
    {
        var scalar = Gen.Frequency(
            (4, JsonStringLiteral),
            (1, Gen.OneOf("true", "false", "null", "0", "-1", "1e400", "1.5")));
        if (depth == 0)
        {
            return scalar;
        }

        var key = Gen.Frequency((3, Gen.OneOf(keys.Length > 0 ? keys : ["k"])), (1, JsonStringLiteral.Select(l => l[1..^1])));
        var member = Gen.Select(key, JsonValue(depth - 1, keys), (k, v) => $"\"{k}\":{v}");
        return Gen.Frequency(
            (2, scalar),
            (3, member.Array[0, 4].Select(m => "{" + string.Join(',', m) + "}")),
            (1, JsonValue(depth - 1, keys).Array[0, 3].Select(items => "[" + string.Join(',', items) + "]")));
    }
}
