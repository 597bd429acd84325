using System.Text;
using EdgeRegistry.Signing;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// The errors a request meets before any operation runs (api.md section 3, first table), with their HTTP status,
/// code and message, for V1 and V3.
/// </summary>
public sealed class GatewayErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly KeyValuePair<string, string>[] Page =
        [new("CurrentPage", "1"), new("PageSize", "1"), new("Type", "1")];

    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Query(V1Options options) => _client.V1Async("QueryEdgeDriver", Page, options);

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
        var response = await _client.V1Async("QueryEdgeDriver", Page,
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
        var response = await _client.V3Async("QueryEdgeDriver", Page, new V3Options { Omit = [header] });

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
        var response = await _client.V3Async("QueryEdgeDriver", Page, new V3Options { SignedHeaders = new Dictionary<string, string> { ["x-acs-version"] = "2017-03-20" } });

        RpcAssert.GatewayError(response, 400, "InvalidVersion", "Specified parameter Version is not valid.");
    }

    [Theory]
    [InlineData("Foo")]
    [InlineData("queryEdgeDriver")]
    [InlineData("QueryEdgeDriverVersions")]
    public async Task An_unknown_Action_is_InvalidAction_NotFound_404(string action)
    {
        var response = await _client.V1Async(action, Page);

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

        RpcAssert.GatewayError(await stranger.V1Async("QueryEdgeDriver", Page), 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        RpcAssert.GatewayError(await stranger.V3Async("QueryEdgeDriver", Page), 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }

    [Fact]
    public async Task AccessKeyIds_are_case_sensitive()
    {
        var shouting = fixture.Server.ClientFor("TESTID", TestServer.AccessKeySecret);

        RpcAssert.GatewayError(await shouting.V1Async("QueryEdgeDriver", Page), 404, "InvalidAccessKeyId.NotFound");
    }

    [Theory]
    [InlineData("2025-03-04 05:06:07")]
    [InlineData("2025-03-04T05:06:07")]
    [InlineData("2025-03-04T05:06:07+08:00")]
    [InlineData("1741064767")]
    [InlineData("yesterday")]
    public async Task A_malformed_Timestamp_is_InvalidTimeStamp_Format(string timestamp)
    {
        var response = await Query(new V1Options { Set = new Dictionary<string, string?> { ["Timestamp"] = timestamp } });

        var message = RpcAssert.GatewayError(response, 400, "InvalidTimeStamp.Format");
        Assert.StartsWith("Specified time stamp or date value is not well formatted", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_x_acs_date_is_InvalidTimeStamp_Format()
    {
        var response = await _client.V3Async("QueryEdgeDriver", Page,
            new V3Options { SignedHeaders = new Dictionary<string, string> { ["x-acs-date"] = "Tue, 04 Mar 2025 05:06:07 GMT" } });

        var message = RpcAssert.GatewayError(response, 400, "InvalidTimeStamp.Format");
        Assert.Contains("x-acs-date", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timestamp_with_fractional_seconds_is_accepted() =>
        RpcAssert.Success(await Query(new V1Options { Set = new Dictionary<string, string?> { ["Timestamp"] = SignedRequestBuilder.FormatTimestamp(fixture.Clock.GetUtcNow())[..^1] + ".123Z" } }));

    [Fact]
    public async Task The_same_nonce_twice_is_SignatureNonceUsed()
    {
        var nonce = RpcTestClient.NewNonce();

        RpcAssert.Success(await Query(new V1Options { Nonce = nonce }));
        RpcAssert.GatewayError(await Query(new V1Options { Nonce = nonce }), 400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        // Another method, another action, the other scheme: still the same key's nonce.
        RpcAssert.GatewayError(await _client.V1Async("QueryEdgeDriver", Page, new V1Options { Nonce = nonce, Method = "GET" }), 400, "SignatureNonceUsed");
        RpcAssert.GatewayError(await _client.V3Async("QueryEdgeDriver", Page, new V3Options { Nonce = nonce }), 400, "SignatureNonceUsed");
    }

    [Fact]
    public async Task The_same_V3_nonce_twice_is_SignatureNonceUsed()
    {
        var nonce = RpcTestClient.NewNonce();

        RpcAssert.Success(await _client.V3Async("QueryEdgeDriver", Page, new V3Options { Nonce = nonce }));
        RpcAssert.GatewayError(await _client.V3Async("QueryEdgeDriver", Page, new V3Options { Nonce = nonce }), 400, "SignatureNonceUsed");
    }

    [Fact]
    public async Task A_replayed_write_is_refused_and_does_not_run_twice()
    {
        var nonce = RpcTestClient.NewNonce();
        var name = DriverCalls.UniqueName("replay");
        var options = new V1Options { Nonce = nonce, Timestamp = fixture.Clock.GetUtcNow() };
        KeyValuePair<string, string>[] create = [new("DriverName", name), new("DriverProtocol", "modbus"), new("Runtime", "c")];

        RpcAssert.Success(await _client.V1Async("CreateEdgeDriver", create, options));
        RpcAssert.GatewayError(await _client.V1Async("CreateEdgeDriver", create, options), 400, "SignatureNonceUsed");

        var found = RpcAssert.Success(await _client.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "30"), ("Type", "1"), ("DriverName", name)));
        Assert.Equal(1, found.Data.GetProperty("Total").GetInt32());
    }

    [Fact]
    public async Task A_request_that_fails_its_signature_does_not_use_up_the_nonce()
    {
        var nonce = RpcTestClient.NewNonce();

        RpcAssert.GatewayError(await Query(new V1Options { Nonce = nonce, SigningSecret = "wrong" }), 400, "SignatureDoesNotMatch");
        RpcAssert.Success(await Query(new V1Options { Nonce = nonce }));
    }

    [Theory]
    [InlineData("HMAC-SHA256")]
    [InlineData("hmac-sha1")]
    [InlineData("MD5")]
    public async Task An_unsupported_SignatureMethod_is_IncompleteSignature(string method)
    {
        var response = await Query(new V1Options { Set = new Dictionary<string, string?> { ["SignatureMethod"] = method } });

        Assert.Contains(method, RpcAssert.GatewayError(response, 400, "IncompleteSignature"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_SignatureVersion_is_IncompleteSignature() =>
        RpcAssert.GatewayError(await Query(new V1Options { Set = new Dictionary<string, string?> { ["SignatureVersion"] = "2.0" } }), 400, "IncompleteSignature");

    [Fact]
    public async Task A_V3_x_acs_header_left_out_of_SignedHeaders_is_IncompleteSignature()
    {
        var response = await _client.V3Async("QueryEdgeDriver", Page,
            new V3Options { UnsignedHeaders = new Dictionary<string, string> { ["x-acs-credentials-provider"] = "static_ak" } });

        Assert.Contains("x-acs-credentials-provider", RpcAssert.GatewayError(response, 400, "IncompleteSignature"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_V3_x_acs_header_named_in_SignedHeaders_is_accepted()
    {
        var response = await _client.V3Async("QueryEdgeDriver", Page,
            new V3Options { SignedHeaders = new Dictionary<string, string> { ["x-acs-credentials-provider"] = "static_ak" } });

        RpcAssert.Success(response);
    }

    [Fact]
    public async Task V3_SignedHeaders_without_host_is_IncompleteSignature()
    {
        var response = await _client.V3Async("QueryEdgeDriver", Page, new V3Options { Omit = ["host"] });

        Assert.Contains("host", RpcAssert.GatewayError(response, 400, "IncompleteSignature"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_V3_body_that_does_not_match_x_acs_content_sha256_is_IncompleteSignature()
    {
        var response = await _client.V3Async("QueryEdgeDriver", Page, new V3Options
        {
            Body = Encoding.UTF8.GetBytes("a=1"),
            SentBody = Encoding.UTF8.GetBytes("a=2"),
            BodyContentType = "application/octet-stream",
        });

        Assert.Contains("x-acs-content-sha256", RpcAssert.GatewayError(response, 400, "IncompleteSignature"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_V3_body_that_matches_its_hash_is_accepted()
    {
        var response = await _client.V3Async("QueryEdgeDriver", Page, new V3Options
        {
            Body = Encoding.UTF8.GetBytes("opaque bytes"),
            BodyContentType = "application/octet-stream",
        });

        RpcAssert.Success(response);
    }

    [Theory]
    [InlineData("ACS3-HMAC-SM3 Credential=testid,SignedHeaders=host,Signature=00")]
    [InlineData("ACS3-HMAC-SHA256 SignedHeaders=host,Signature=00")]
    [InlineData("ACS3-HMAC-SHA256 Credential=testid,Signature=00")]
    [InlineData("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host")]
    public async Task A_malformed_V3_Authorization_is_IncompleteSignature(string authorization)
    {
        var response = await _client.V3Async("QueryEdgeDriver", Page, new V3Options { Authorization = authorization });

        RpcAssert.GatewayError(response, 400, "IncompleteSignature");
    }

    [Fact]
    public async Task A_wrong_V1_signature_is_SignatureDoesNotMatch_ending_in_the_server_string_to_sign()
    {
        var options = new V1Options { Nonce = RpcTestClient.NewNonce(), Timestamp = fixture.Clock.GetUtcNow(), SigningSecret = "not-the-secret" };
        KeyValuePair<string, string>[] parameters = [.. Page, new("DriverName", "a b*c~中")];
        var sent = _client.SignV1("QueryEdgeDriver", parameters, options);
        var expected = V1Signature.StringToSign("POST", sent);

        var response = await _client.V1Async("QueryEdgeDriver", parameters, options);

        var message = RpcAssert.GatewayError(response, 400, "SignatureDoesNotMatch");
        Assert.Equal("Specified signature is not matched with our calculation. server string to sign is:" + expected, message);
        Assert.DoesNotContain(TestServer.AccessKeySecret, response.Body, StringComparison.Ordinal);
        var rightSignature = V1Signature.Sign(expected, TestServer.AccessKeySecret);
        Assert.DoesNotContain(rightSignature, response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(rightSignature), response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_V1_GET_signature_shows_GET_in_the_string_to_sign()
    {
        var options = new V1Options { Method = "GET", Format = "JSON", Nonce = RpcTestClient.NewNonce(), Timestamp = fixture.Clock.GetUtcNow(), SigningSecret = "x" };
        var expected = V1Signature.StringToSign("GET", _client.SignV1("QueryEdgeDriver", Page, options));

        var message = RpcAssert.GatewayError(await _client.V1Async("QueryEdgeDriver", Page, options), 400, "SignatureDoesNotMatch");

        Assert.EndsWith("server string to sign is:" + expected, message, StringComparison.Ordinal);
        Assert.StartsWith("GET&%2F&", expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_added_after_signing_is_SignatureDoesNotMatch()
    {
        var response = await _client.V1Async("QueryEdgeDriver", Page, new V1Options { UnsignedQuery = [new("DriverName", "x")] });

        var message = RpcAssert.GatewayError(response, 400, "SignatureDoesNotMatch");
        Assert.Contains("DriverName%3Dx", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_V3_signature_is_SignatureDoesNotMatch_ending_in_the_server_string_to_sign()
    {
        var options = new V3Options { Nonce = RpcTestClient.NewNonce(), Timestamp = fixture.Clock.GetUtcNow(), SigningSecret = "not-the-secret" };
        var headers = _client.SignV3("QueryEdgeDriver", Page, options);
        var signedHeaders = V3Authorization.TryParse(headers["authorization"], out var authorization, out _) ? authorization!.SignedHeaders : [];
        var canonical = V3Signature.CanonicalRequest("POST", "/", Page, headers.GetValueOrDefault, signedHeaders, V3Signature.EmptyBodySha256);
        var expected = V3Signature.StringToSign(canonical);

        var response = await _client.V3Async("QueryEdgeDriver", Page, options);

        var message = RpcAssert.GatewayError(response, 400, "SignatureDoesNotMatch");
        Assert.Equal("Specified signature is not matched with our calculation. server string to sign is:" + expected, message);
        Assert.DoesNotContain(V3Signature.Sign(expected, TestServer.AccessKeySecret), response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SecurityToken_is_InvalidSecurityToken_Malformed()
    {
        var v1 = await Query(new V1Options { Set = new Dictionary<string, string?> { ["SecurityToken"] = "CAIS-sts-token" } });
        var v3 = await _client.V3Async("QueryEdgeDriver", Page,
            new V3Options { SignedHeaders = new Dictionary<string, string> { ["x-acs-security-token"] = "CAIS-sts-token" } });

        RpcAssert.GatewayError(v1, 400, "InvalidSecurityToken.Malformed");
        RpcAssert.GatewayError(v3, 400, "InvalidSecurityToken.Malformed");
    }

    [Fact]
    public async Task A_parameter_in_both_the_query_and_the_form_is_InvalidParameter()
    {
        var response = await _client.V1Async("QueryEdgeDriver", Page, new V1Options { UnsignedQuery = [new("PageSize", "1")] });

        var message = RpcAssert.GatewayError(response, 400, "InvalidParameter");
        Assert.Contains("PageSize", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_twice_in_the_query_is_InvalidParameter()
    {
        var response = await _client.V1Async("QueryEdgeDriver", Page, new V1Options { Method = "GET", UnsignedQuery = [new("Type", "1")] });

        Assert.Contains("Type", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_body_over_1_MiB_is_InvalidParameter()
    {
        var response = await _client.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "1"), ("Type", "1"), ("DriverName", new string('a', 1024 * 1024)));

        Assert.Contains("larger than 1048576 bytes", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_V1_POST_with_every_parameter_in_the_query_and_an_empty_body_is_accepted()
    {
        var response = await _client.V1Async("QueryEdgeDriver", Page,
            new V1Options { InQuery = ["Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature", "CurrentPage", "PageSize", "Type"] });

        RpcAssert.Success(response);
    }

    [Fact]
    public async Task Parameters_split_between_the_query_and_the_form_are_merged()
    {
        var response = await _client.V1Async("QueryEdgeDriver", Page,
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
        var response = await _client.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "1"), ("Type", "1"), ("DriverName", value));

        Assert.Contains("DriverName", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tabs_and_newlines_are_not_control_characters_for_this_rule()
    {
        var response = await _client.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "1"), ("Type", "1"), ("DriverName", "a\tb\nc"));

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
