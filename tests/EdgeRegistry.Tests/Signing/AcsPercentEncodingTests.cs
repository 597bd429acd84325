using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Signing;

public sealed class AcsPercentEncodingTests
{
    [Theory]
    [InlineData(" ", "%20")]
    [InlineData("*", "%2A")]
    [InlineData("!", "%21")]
    [InlineData("'", "%27")]
    [InlineData("(", "%28")]
    [InlineData(")", "%29")]
    [InlineData("!'()", "%21%27%28%29")]
    [InlineData("~", "~")]
    [InlineData("+", "%2B")]
    [InlineData("/", "%2F")]
    [InlineData("%", "%25")]
    [InlineData("&=", "%26%3D")]
    [InlineData("中文", "%E4%B8%AD%E6%96%87")]
    [InlineData("é", "%C3%A9")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("a😀b", "a%F0%9F%98%80b")]
    [InlineData("", "")]
    [InlineData("AZaz09-_.~", "AZaz09-_.~")]
    [InlineData("2024-05-01T12:00:00Z", "2024-05-01T12%3A00%3A00Z")]
    public void Encodes_strictly(string value, string expected) =>
        Assert.Equal(expected, AcsPercentEncoding.Encode(value));

    [Fact]
    public void Every_ascii_character_follows_the_rule()
    {
        for (var c = (char)0; c <= 0x7F; c++)
        {
            var unreserved = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';
            var expected = unreserved ? c.ToString() : "%" + ((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture);

            Assert.Equal(expected, AcsPercentEncoding.Encode(c.ToString()));
        }
    }

    [Fact]
    public void Encodes_the_captured_description_like_the_clients()
    {
        const string description = "LED drv (beta) *x* ~ a&b=c+d 'q'! 中文";

        Assert.Equal(
            "LED%20drv%20%28beta%29%20%2Ax%2A%20~%20a%26b%3Dc%2Bd%20%27q%27%21%20%E4%B8%AD%E6%96%87",
            AcsPercentEncoding.Encode(description));
    }

    [Fact]
    public void Encoding_an_encoded_string_encodes_the_percent_signs()
    {
        // Verifiers must decode first: re-encoding the wire form as it is would sign a different string.
        Assert.Equal("a%2520b", AcsPercentEncoding.Encode("a%20b"));
    }
}
