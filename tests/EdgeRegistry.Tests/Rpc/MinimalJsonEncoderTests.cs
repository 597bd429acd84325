using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Tests.Rpc;

public sealed class MinimalJsonEncoderTests
{
    [Theory]
    [InlineData("中文 a&b=c <x> 'q'", "\"中文 a&b=c <x> 'q'\"")]
    [InlineData("emoji 😀 stays", "\"emoji 😀 stays\"")]
    [InlineData("quote \" backslash \\", "\"quote \\\" backslash \\\\\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("bell\u0007", "\"bell\\u0007\"")]
    public void Only_what_JSON_requires_is_escaped(string value, string expected)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonWireWriter.Options))
        {
            json.WriteStringValue(value);
        }

        var written = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal(expected, written);
        Assert.Equal(value, JsonSerializer.Deserialize<string>(written));
    }
}
