using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// Characters XML cannot carry, wherever a caller puts them (a parameter name, the Format value, a name the
/// signature check quotes back), get a 400 in the error shape, in well-formed XML, before any authentication, and
/// the request log records that 400. They used to crash the XML error writer: an empty 500, logged as 200.
/// </summary>
public sealed class ControlCharacterTests(HardeningServerFixture fixture) : IClassFixture<HardeningServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> GetAsync(string query) =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("/?" + query, UriKind.Relative)));

    [Theory]
    [InlineData("%01")]
    [InlineData("XML%00")]
    [InlineData("%1F%7F")]
    [InlineData("%EF%BF%BF")]
    public async Task A_control_character_in_Format_is_InvalidParameter_Format_in_XML(string format)
    {
        var response = await GetAsync("Action=QueryEdgeDriver&Format=" + format);

        var message = RpcAssert.GatewayError(response, 400, "InvalidParameter.Format");
        Assert.Contains("\\u", message, StringComparison.Ordinal);
        Assert.Equal("Error", response.XmlRoot.Name.LocalName);
        await fixture.AssertLoggedAsync(response, "InvalidParameter.Format");
    }

    [Theory]
    [InlineData("Description%01=x", "Description\\u0001")]
    [InlineData("%00=x", "\\u0000")]
    [InlineData("A%01=1&A%01=2", "A\\u0001")]
    [InlineData("Description%EF%BF%BE=x", "Description\\uFFFE")]
    public async Task A_control_character_in_a_parameter_name_is_InvalidParameter_in_XML(string parameter, string quoted)
    {
        var response = await GetAsync("Action=QueryEdgeDriver&" + parameter);

        Assert.Contains(quoted, RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
        await fixture.AssertLoggedAsync(response, "InvalidParameter");
    }

    [Fact]
    public async Task A_control_character_in_a_parameter_name_is_InvalidParameter_in_JSON()
    {
        var response = await GetAsync("Format=JSON&Action=QueryEdgeDriver&Description%01=x");

        Assert.Contains("Description\\u0001", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    /// <summary>A CR/LF in Action or AccessKeyId must not start a forged line in a text log: the log quotes them.</summary>
    [Theory]
    [InlineData("Action=QueryEdgeDriver%0D%0A2026-01-01T00:00:00Z+info:+forged&AccessKeyId=k", " QueryEdgeDriver\\u000D\\u000A2026")]
    [InlineData("Action=QueryEdgeDriver&AccessKeyId=k%0Aforged", " key=k\\u000Aforged")]
    public async Task A_line_break_in_a_logged_value_is_quoted_not_written(string query, string logged)
    {
        var response = await GetAsync("Format=JSON&" + query);

        var line = await fixture.RequestLogLineAsync(response.RequestIdHeader!);
        Assert.Contains(logged, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\n', line);
    }

    /// <summary>A signed V1 request with such a name: refused, where it used to be signed, accepted and the name ignored.</summary>
    [Fact]
    public async Task A_signed_V1_request_with_a_control_character_in_a_name_is_refused()
    {
        var response = await _client.V1Async("QueryEdgeDriver", [new("CurrentPage", "1"), new("PageSize", "1"), new("Type", "1"), new("Type\u0001", "1")],
            new V1Options { Format = "XML" });

        Assert.Contains("Type\\u0001", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    /// <summary>V3 with Format=XML: the name would otherwise reach the SignatureDoesNotMatch message unescaped.</summary>
    [Fact]
    public async Task A_V3_request_asking_for_XML_with_a_control_character_in_a_name_is_InvalidParameter_in_XML()
    {
        var response = await _client.V3Async("QueryEdgeDriver", [new("Format", "XML"), new("CurrentPage", "1"), new("Page\u0001Size", "1"), new("Type", "1")],
            new V3Options { SigningSecret = "not-the-secret" });

        Assert.Contains("Page\\u0001Size", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
        Assert.False(response.IsJson);
        await fixture.AssertLoggedAsync(response, "InvalidParameter");
    }
}
