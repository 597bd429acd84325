using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Tests.Rpc;

public sealed class WireTextTests
{
    /// <summary>Built in code: a lone surrogate in an attribute argument would not survive compilation.</summary>
    [Fact]
    public void Only_what_the_format_cannot_carry_is_replaced()
    {
        (string Text, string Xml, string Json)[] cases =
        [
            ("a\u0001b", "a\uFFFDb", "a\u0001b"),
            (new string(['\uD800', 'x']), "\uFFFDx", "\uFFFDx"),
            (new string(['x', '\uDC00']), "x\uFFFD", "x\uFFFD"),
            (new string(['\uDC00', '\uD800']), "\uFFFD\uFFFD", "\uFFFD\uFFFD"),
            ("😀\uFFFE", "😀\uFFFD", "😀\uFFFE"),
            ("tab\tcr\rlf\n中", "tab\tcr\rlf\n中", "tab\tcr\rlf\n中"),
        ];
        foreach (var (text, xml, json) in cases)
        {
            Assert.Equal(xml, WireText.ForXml(text));
            Assert.Equal(json, WireText.ForJson(text));
        }
    }

    [Fact]
    public void Clean_text_is_returned_as_the_same_string()
    {
        const string text = "plain ASCII, 中文 and 😀";

        Assert.Same(text, WireText.ForXml(text));
        Assert.Same(text, WireText.ForJson(text));
    }
}
