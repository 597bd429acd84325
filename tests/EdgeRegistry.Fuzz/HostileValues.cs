namespace EdgeRegistry.Fuzz;

/// <summary>
/// Values no valid request carries: huge, unicode, control characters, lone surrogates (raw and as JSON escapes),
/// wrong types, numeric edges, path tricks, JSON that is almost right.
/// </summary>
public static class HostileValues
{
    private static readonly string[] Fixed =
    [
        "", " ", "\t", "\n", "x\n", "\r\nX-Injected: 1", "\0", "\u0001", "\u007f", "\u0085", "\u2028", "\uFEFF",
        "\uD800", "\uDC00", "a\uD83D", "\uD83D\uDE00", "é", "名前", "\u202Etxt.exe", "%", "%zz", "%E0%A4", "+", "&", "=", "a=b&c=d",
        "-1", "0", "-0", "00", "1e9", "2147483648", "-2147483649", "9223372036854775808", "1.5", "NaN", "Infinity",
        "true", "TRUE", "null", "[]", "{}", "{\"a\":", "[1,2", "\"str\"", "{\"ossAddress\":\"\\ud800\"}",
        "{\"a\":\"\\ud800\"}", "[{\"format\":\"KV\",\"content\":\"\\udfff\"}]", "{\"a\":1,\"a\":2}",
        "{\"temporaryOssAddress\":\"http://evil.example/x\"}", "{\"ossAddress\":\"javascript:alert(1)\"}",
        ".", "..", "../../etc/passwd", "/", "\\", "a/b", "<x/>", "]]>", "'; drop table drivers; --", "${jndi:x}",
        "{{7*7}}", "\u0000\u0000", "0x10", "٣", "１２", "\u00A0", "AAAA\u0308",
    ];

    public static string Pick(Random rng) => rng.Next(6) switch
    {
        0 => Huge(rng),
        1 => Junk(rng, rng.Next(1, 40)),
        _ => Fixed[rng.Next(Fixed.Length)],
    };

    /// <summary>A long value: up to ~80 KiB, around the 64 KiB JSON limit and the request limits.</summary>
    public static string Huge(Random rng)
    {
        var length = rng.Next(4) switch { 0 => 257, 1 => 1025, 2 => 64 * 1024 + rng.Next(-2, 3), _ => rng.Next(1, 80_000) };
        var unit = rng.Next(3) switch { 0 => "a", 1 => "é", _ => "\"" };
        return rng.Next(3) == 0 ? "{\"k\":\"" + new string('a', length) + "\"}" : string.Concat(Enumerable.Repeat(unit, length));
    }

    /// <summary>Random UTF-16 units, surrogates and controls included.</summary>
    public static string Junk(Random rng, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = rng.Next(4) switch
            {
                0 => (char)rng.Next(0, 0x20),
                1 => (char)rng.Next(0xD800, 0xE000),
                2 => (char)rng.Next(0x20, 0x7F),
                _ => (char)rng.Next(0x80, 0xFFFF),
            };
        }

        return new string(chars);
    }
}
