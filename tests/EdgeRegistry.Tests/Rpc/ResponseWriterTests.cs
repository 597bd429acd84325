using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using EdgeRegistry.Rpc;
using Microsoft.AspNetCore.Http;

namespace EdgeRegistry.Tests.Rpc;

/// <summary>
/// The writers answer every error, whatever text it quotes: every UTF-16 code unit on its own (so every control
/// character, every lone surrogate, U+FFFE and U+FFFF), in both formats and both error shapes, gives a body that
/// parses, where XML or UTF-8 cannot carry a character it reads U+FFFD, and everything else is kept.
/// </summary>
public sealed class ResponseWriterTests
{
    private static readonly string EveryCodeUnit = new([.. Enumerable.Range(0, 0x10000).Select(c => (char)c)]);

    private static async Task<(int Status, string Body)> WriteErrorAsync(WireFormat format, RpcErrorKind kind, string message, string? action = "QueryEdgeDriver")
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("127.0.0.1:1");
        http.Response.Body = new MemoryStream();
        var error = new RpcError(kind, kind == RpcErrorKind.Business ? 200 : 400, "InvalidParameter", message);

        await new RpcResponseWriter().WriteErrorAsync(http.Response, format, action, "REQ", error);

        return (http.Response.StatusCode, Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }

    private static string MessageOf(WireFormat format, string body, RpcErrorKind kind)
    {
        var field = kind == RpcErrorKind.Business ? "ErrorMessage" : "Message";
        return format == WireFormat.Json
            ? JsonDocument.Parse(body).RootElement.GetProperty(field).GetString()!
            : XDocument.Parse(body).Root!.Element(field)!.Value;
    }

    [Theory]
    [InlineData(WireFormat.Xml, RpcErrorKind.Gateway)]
    [InlineData(WireFormat.Xml, RpcErrorKind.Business)]
    [InlineData(WireFormat.Json, RpcErrorKind.Gateway)]
    [InlineData(WireFormat.Json, RpcErrorKind.Business)]
    public async Task Every_code_unit_is_written_or_replaced_and_the_body_parses(WireFormat format, RpcErrorKind kind)
    {
        var (status, body) = await WriteErrorAsync(format, kind, EveryCodeUnit);

        Assert.Equal(kind == RpcErrorKind.Business ? 200 : 400, status);
        var written = MessageOf(format, body, kind);
        var expected = Expected(EveryCodeUnit, xml: format == WireFormat.Xml);
        // XML parsers read a CR written as &#xD; back as CR, so the text round-trips exactly.
        Assert.Equal(expected, written);
        Assert.Equal(EveryCodeUnit.Length, written.Length);
    }

    /// <summary>The oracle: lone surrogates, and for XML the characters XML 1.0 excludes, read U+FFFD.</summary>
    private static string Expected(string text, bool xml) => new([.. text.Select((c, i) =>
        char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]))
        || (xml && !char.IsSurrogate(c) && !XmlConvert.IsXmlChar(c))
            ? '\uFFFD'
            : c)]);

    [Theory]
    [InlineData("Bad Action")]
    [InlineData("A\u0001")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_business_error_for_an_action_that_is_no_element_name_has_the_root_ErrorResponse(string? action)
    {
        var (_, body) = await WriteErrorAsync(WireFormat.Xml, RpcErrorKind.Business, "m", action);

        Assert.Equal("ErrorResponse", XDocument.Parse(body).Root!.Name.LocalName);
    }
}
