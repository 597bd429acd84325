using CsCheck;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Tests.Properties;

/// <summary>
/// The writers of Rpc/Wire never throw on any string, whatever a row holds: lone surrogates, controls, U+FFFE. What
/// the format can carry comes back exactly; what it cannot comes back as U+FFFD, nothing else changed.
/// </summary>
public sealed class WireWriterProperties
{
    private static readonly Gen<string> Long = Generators.AnyText.Array[0, 40].Select(parts => string.Concat(parts));

    [Fact]
    public void Any_string_writes_and_reads_back_through_JSON()
    {
        Gen.Frequency((3, Generators.AnyText), (1, Long)).Sample(value =>
        {
            Assert.Equal(WireText.ForJson(value), WireOutput.ThroughJson(value));
            if (!value.Any(char.IsSurrogate))
            {
                Assert.Equal(value, WireOutput.ThroughJson(value));
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Any_string_writes_and_reads_back_through_XML()
    {
        Gen.Frequency((3, Generators.AnyText), (1, Long)).Sample(value =>
        {
            var read = WireOutput.ThroughXml(value);

            Assert.Equal(WireText.ForXml(value), read);
            if (XmlText.FindInvalid(value) < 0)
            {
                Assert.Equal(value, read);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Only_uncarryable_characters_are_replaced()
    {
        Generators.AnyText.Sample(value =>
        {
            var json = WireText.ForJson(value);
            var xml = WireText.ForXml(value);

            Assert.Equal(value.Length, json.Length);
            Assert.Equal(value.Length, xml.Length);
            for (var i = 0; i < value.Length; i++)
            {
                Assert.True(json[i] == value[i] || (json[i] == '\uFFFD' && char.IsSurrogate(value[i])));
                Assert.True(xml[i] == value[i] || xml[i] == '\uFFFD');
            }
        }, iter: 5_000);
    }
}
