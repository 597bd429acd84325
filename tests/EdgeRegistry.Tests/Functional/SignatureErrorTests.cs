using System.Text;
using EdgeRegistry.Signing;
using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// The gateway errors of the signature step (api.md section 3; signing.md): timestamps, nonces, incomplete and
/// mismatched signatures, and STS tokens, for V1 and V3.
/// </summary>
public sealed class SignatureErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Query(V1Options options) => _client.V1Async("QueryEdgeDriver", OneDriverPage, options);

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
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage,
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
        RpcAssert.GatewayError(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Nonce = nonce, Method = "GET" }), 400, "SignatureNonceUsed");
        RpcAssert.GatewayError(await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options { Nonce = nonce }), 400, "SignatureNonceUsed");
    }

    [Fact]
    public async Task The_same_V3_nonce_twice_is_SignatureNonceUsed()
    {
        var nonce = RpcTestClient.NewNonce();

        RpcAssert.Success(await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options { Nonce = nonce }));
        RpcAssert.GatewayError(await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options { Nonce = nonce }), 400, "SignatureNonceUsed");
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

        var found = RpcAssert.Success(await _client.QueryDriversAsync(30, ("DriverName", name)));
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
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage,
            new V3Options { UnsignedHeaders = new Dictionary<string, string> { ["x-acs-credentials-provider"] = "static_ak" } });

        Assert.Contains("x-acs-credentials-provider", RpcAssert.GatewayError(response, 400, "IncompleteSignature"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_V3_x_acs_header_named_in_SignedHeaders_is_accepted()
    {
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage,
            new V3Options { SignedHeaders = new Dictionary<string, string> { ["x-acs-credentials-provider"] = "static_ak" } });

        RpcAssert.Success(response);
    }

    [Fact]
    public async Task V3_SignedHeaders_without_host_is_IncompleteSignature()
    {
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options { Omit = ["host"] });

        Assert.Contains("host", RpcAssert.GatewayError(response, 400, "IncompleteSignature"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_V3_body_that_does_not_match_x_acs_content_sha256_is_IncompleteSignature()
    {
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options
        {
            Body = Encoding.UTF8.GetBytes("a=1"),
            SentBody = Encoding.UTF8.GetBytes("a=2"),
            SignedHeaders = new Dictionary<string, string> { ["content-type"] = "application/octet-stream" },
        });

        Assert.Contains("x-acs-content-sha256", RpcAssert.GatewayError(response, 400, "IncompleteSignature"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_V3_body_that_matches_its_hash_is_accepted()
    {
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options
        {
            Body = Encoding.UTF8.GetBytes("opaque bytes"),
            SignedHeaders = new Dictionary<string, string> { ["content-type"] = "application/octet-stream" },
        });

        RpcAssert.Success(response);
    }

    [Fact]
    public async Task A_V3_body_whose_content_type_is_not_signed_is_IncompleteSignature()
    {
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options
        {
            Body = Encoding.UTF8.GetBytes("opaque bytes"),
            BodyContentType = "application/octet-stream",
        });

        Assert.Contains("content-type", RpcAssert.GatewayError(response, 400, "IncompleteSignature"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ACS3-HMAC-SM3 Credential=testid,SignedHeaders=host,Signature=00")]
    [InlineData("ACS3-HMAC-SHA256 SignedHeaders=host,Signature=00")]
    [InlineData("ACS3-HMAC-SHA256 Credential=testid,Signature=00")]
    [InlineData("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host")]
    public async Task A_malformed_V3_Authorization_is_IncompleteSignature(string authorization)
    {
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options { Authorization = authorization });

        RpcAssert.GatewayError(response, 400, "IncompleteSignature");
    }

    [Fact]
    public async Task A_wrong_V1_signature_is_SignatureDoesNotMatch_ending_in_the_server_string_to_sign()
    {
        var options = new V1Options { Nonce = RpcTestClient.NewNonce(), Timestamp = fixture.Clock.GetUtcNow(), SigningSecret = "not-the-secret" };
        KeyValuePair<string, string>[] parameters = [.. OneDriverPage, new("DriverName", "a b*c~中")];
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
        var expected = V1Signature.StringToSign("GET", _client.SignV1("QueryEdgeDriver", OneDriverPage, options));

        var message = RpcAssert.GatewayError(await _client.V1Async("QueryEdgeDriver", OneDriverPage, options), 400, "SignatureDoesNotMatch");

        Assert.EndsWith("server string to sign is:" + expected, message, StringComparison.Ordinal);
        Assert.StartsWith("GET&%2F&", expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_added_after_signing_is_SignatureDoesNotMatch()
    {
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { UnsignedQuery = [new("DriverName", "x")] });

        var message = RpcAssert.GatewayError(response, 400, "SignatureDoesNotMatch");
        Assert.Contains("DriverName%3Dx", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_V3_signature_is_SignatureDoesNotMatch_ending_in_the_server_string_to_sign()
    {
        var options = new V3Options { Nonce = RpcTestClient.NewNonce(), Timestamp = fixture.Clock.GetUtcNow(), SigningSecret = "not-the-secret" };
        var headers = _client.SignV3("QueryEdgeDriver", OneDriverPage, options);
        var signedHeaders = V3Authorization.TryParse(headers["authorization"], out var authorization, out _) ? authorization!.SignedHeaders : [];
        var canonical = V3Signature.CanonicalRequest("POST", "/", OneDriverPage, headers.GetValueOrDefault, signedHeaders, V3Signature.EmptyBodySha256);
        var expected = V3Signature.StringToSign(canonical);

        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage, options);

        var message = RpcAssert.GatewayError(response, 400, "SignatureDoesNotMatch");
        Assert.Equal("Specified signature is not matched with our calculation. server string to sign is:" + expected, message);
        Assert.DoesNotContain(V3Signature.Sign(expected, TestServer.AccessKeySecret), response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SecurityToken_is_InvalidSecurityToken_Malformed()
    {
        var v1 = await Query(new V1Options { Set = new Dictionary<string, string?> { ["SecurityToken"] = "CAIS-sts-token" } });
        var v3 = await _client.V3Async("QueryEdgeDriver", OneDriverPage,
            new V3Options { SignedHeaders = new Dictionary<string, string> { ["x-acs-security-token"] = "CAIS-sts-token" } });

        RpcAssert.GatewayError(v1, 400, "InvalidSecurityToken.Malformed");
        RpcAssert.GatewayError(v3, 400, "InvalidSecurityToken.Malformed");
    }
}
