using System.Text;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Tests.Rpc;

/// <summary>What XML can carry, and JSON strings decoded without System.Text.Json's exception on a lone surrogate.</summary>
public sealed class XmlTextTests
{
    [Fact]
    public void FindInvalid_finds_the_first_character_XML_cannot_carry()
    {
        // In code, not in attributes: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        (string Text, int Expected)[] cases =
        [
            ("", -1), ("plain 中文 \t\r\n", -1), ("emoji \ud83d\ude00 ok", -1), ("a\u0001", 1), ("\u0000", 0), ("\u001f", 0),
            ("ab\ud800", 2), ("a\ud800b", 1), ("\ude00\ud83d", 0), ("\ud83d\ude00\udc00", 2), ("x\ufffe", 1), ("x\uffff", 1),
        ];

        Assert.All(cases, c => Assert.Equal(c.Expected, XmlText.FindInvalid(c.Text)));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("\\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t", "\"q\" \\ / \b\f\n\r\t")]
    [InlineData("\\u00e9\\u4E2D", "é中")]
    [InlineData("\\ud83d\\ude00", "\ud83d\ude00")]
    [InlineData("中\\u0000文", "中\0文")]
    public void Decode_turns_raw_JSON_string_text_into_its_characters(string raw, string expected) =>
        Assert.Equal(expected, JsonStrings.Decode(Encoding.UTF8.GetBytes(raw)));

    [Fact]
    public void Decode_keeps_an_escaped_lone_surrogate_instead_of_throwing() =>
        Assert.Equal("a\ud800b\udc00", JsonStrings.Decode("a\\ud800b\\udc00"u8));
}
