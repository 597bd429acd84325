using System.Text;
using EdgeRegistry.Signing;
using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// The errors a request meets before any operation runs (api.md section 3, first table), with their HTTP status,
/// code and message, for V1 and V3.
/// </summary>
public sealed class GatewayErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Query(V1Options options) => _client.V1Async("QueryEdgeDriver", OneDriverPage, options);

    [Theory]
    [InlineData("Action")]
    [InlineData("Version")]
    [InlineData("AccessKeyId")]
    [InlineData("SignatureMethod")]
    [InlineData("SignatureVersion")]
    [InlineData("SignatureNonce")]
    [InlineData("Timestamp")]
    public async Task A_missing_common_parameter_is_MissingParameter(string name)
    {
        RpcAssert.MissingParameter(await Query(new V1Options { Set = new Dictionary<string, string?> { [name] = null } }), name);
        RpcAssert.MissingParameter(await Query(new V1Options { Set = new Dictionary<string, string?> { [name] = "" } }), name);
    }

    [Fact]
    public async Task A_missing_Signature_is_MissingParameter()
    {
        RpcAssert.MissingParameter(await Query(new V1Options { OmitSignature = true }), "Signature");
        RpcAssert.MissingParameter(await Query(new V1Options { Signature = "" }), "Signature");
    }

    [Fact]
    public async Task A_missing_parameter_in_a_GET_is_MissingParameter_in_XML_by_default()
    {
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage,
            new V1Options { Method = "GET", Format = null, Set = new Dictionary<string, string?> { ["Timestamp"] = null } });

        RpcAssert.MissingParameter(response, "Timestamp");
        Assert.Equal("Error", response.XmlRoot.Name.LocalName);
    }

    [Theory]
    [InlineData("x-acs-action")]
    [InlineData("x-acs-version")]
    [InlineData("x-acs-date")]
    [InlineData("x-acs-signature-nonce")]
    [InlineData("x-acs-content-sha256")]
    public async Task A_missing_V3_header_is_MissingParameter(string header)
    {
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options { Omit = [header] });

        RpcAssert.MissingParameter(response, header);
        Assert.True(response.IsJson);
    }

    [Theory]
    [InlineData("2017-03-20")]
    [InlineData("2018-01-21")]
    [InlineData("2018-1-20")]
    public async Task An_unknown_Version_is_InvalidVersion(string version)
    {
        var response = await Query(new V1Options { Set = new Dictionary<string, string?> { ["Version"] = version } });

        RpcAssert.GatewayError(response, 400, "InvalidVersion", "Specified parameter Version is not valid.");
    }

    [Fact]
    public async Task An_unknown_V3_version_is_InvalidVersion()
    {
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options { SignedHeaders = new Dictionary<string, string> { ["x-acs-version"] = "2017-03-20" } });

        RpcAssert.GatewayError(response, 400, "InvalidVersion", "Specified parameter Version is not valid.");
    }

    [Theory]
    [InlineData("Foo")]
    [InlineData("queryEdgeDriver")]
    [InlineData("QueryEdgeDriverVersions")]
    public async Task An_unknown_Action_is_InvalidAction_NotFound_404(string action)
    {
        var response = await _client.V1Async(action, OneDriverPage);

        RpcAssert.GatewayError(response, 404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }

    [Fact]
    public async Task An_unknown_V3_action_is_InvalidAction_NotFound_404() =>
        RpcAssert.GatewayError(await _client.V3Async("Foo", []), 404, "InvalidAction.NotFound");

    [Theory]
    [InlineData("BindDriverToEdgeInstance")]
    [InlineData("UnbindDriverFromEdgeInstance")]
    [InlineData("QueryDeviceDetail")]
    public async Task A_known_Iot_action_not_implemented_is_UnsupportedOperation_501(string action)
    {
        var response = await _client.V1Async(action, [new("DriverId", "x")]);

        var message = RpcAssert.GatewayError(response, 501, "UnsupportedOperation");
        Assert.Contains(action, message, StringComparison.Ordinal);
        Assert.Contains("QueryEdgeDriverVersion", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedOperation_comes_after_authentication()
    {
        var response = await _client.V1Async("BindDriverToEdgeInstance", [], new V1Options { SigningSecret = "wrong" });

        RpcAssert.GatewayError(response, 400, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task An_unknown_AccessKeyId_is_InvalidAccessKeyId_NotFound_404()
    {
        var stranger = fixture.Server.ClientFor("LTAInosuchkey00000000000", "whatever");

        RpcAssert.GatewayError(await stranger.V1Async("QueryEdgeDriver", OneDriverPage), 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        RpcAssert.GatewayError(await stranger.V3Async("QueryEdgeDriver", OneDriverPage), 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }

    [Fact]
    public async Task AccessKeyIds_are_case_sensitive()
    {
        var shouting = fixture.Server.ClientFor("TESTID", TestServer.AccessKeySecret);

        RpcAssert.GatewayError(await shouting.V1Async("QueryEdgeDriver", OneDriverPage), 404, "InvalidAccessKeyId.NotFound");
    }

    [Fact]
    public async Task A_parameter_in_both_the_query_and_the_form_is_InvalidParameter()
    {
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { UnsignedQuery = [new("PageSize", "1")] });

        var message = RpcAssert.GatewayError(response, 400, "InvalidParameter");
        Assert.Contains("PageSize", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_twice_in_the_query_is_InvalidParameter()
    {
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Method = "GET", UnsignedQuery = [new("Type", "1")] });

        Assert.Contains("Type", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_body_over_the_limit_is_413_Request_BodyTooLarge()
    {
        var response = await _client.QueryDriversAsync(1, ("DriverName", new string('a', EdgeRegistry.Rpc.RequestLimits.MaxEncodedBytes)));

        Assert.Contains($"larger than {EdgeRegistry.Rpc.RequestLimits.MaxEncodedBytes} bytes", RpcAssert.GatewayError(response, 413, "Request.BodyTooLarge"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_V1_POST_with_every_parameter_in_the_query_and_an_empty_body_is_accepted()
    {
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage,
            new V1Options { InQuery = ["Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature", "CurrentPage", "PageSize", "Type"] });

        RpcAssert.Success(response);
    }

    [Fact]
    public async Task Parameters_split_between_the_query_and_the_form_are_merged()
    {
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage,
            new V1Options { Set = new Dictionary<string, string?> { ["Format"] = "JSON" }, InQuery = ["Action", "Version", "Format", "PageSize"] });

        RpcAssert.Success(response);
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("a\u0000b")]
    [InlineData("\u001f")]
    [InlineData("\uffff")]
    public async Task A_control_character_in_a_value_is_InvalidParameter(string value)
    {
        var response = await _client.QueryDriversAsync(1, ("DriverName", value));

        Assert.Contains("DriverName", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tabs_and_newlines_are_not_control_characters_for_this_rule()
    {
        var response = await _client.QueryDriversAsync(1, ("DriverName", "a\tb\nc"));

        RpcAssert.Success(response);
    }

    [Fact]
    public async Task The_optional_common_parameters_RegionId_and_an_empty_SignatureType_are_signed_and_accepted()
    {
        var response = await Query(new V1Options { Set = new Dictionary<string, string?> { ["RegionId"] = "cn-shanghai", ["SignatureType"] = "" } });

        RpcAssert.Success(response);
    }

    [Theory]
    [InlineData("InvalidAction.NotFound")]
    [InlineData("SignatureDoesNotMatch")]
    public async Task Recommend_links_to_a_page_that_documents_the_code(string code)
    {
        var response = code == "SignatureDoesNotMatch"
            ? await Query(new V1Options { SigningSecret = "x" })
            : await _client.CallAsync("Foo");
        RpcAssert.GatewayError(response, response.StatusCode, code);

        var page = await _client.Http.GetAsync(new Uri(response.Field("Recommend")!));

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains($"id=\"{code}\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
