using System.Text;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Signing;

/// <summary>
/// The client-side builder: it must reproduce the official clients' V1 signatures, and what it signs must verify
/// through the server-side functions (the one place where both sides are this library, on purpose).
/// </summary>
public sealed class SignedRequestBuilderTests
{
    private static readonly string[] CommonV1Parameters =
        ["AccessKeyId", "Action", "Format", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version", "Signature"];

    private static readonly DateTimeOffset CapturedTime = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Nonce = "0123456789abcdef0123456789abcdef";

    private readonly SignedRequestBuilder builder = new(SignatureVectors.AccessKeyId, SignatureVectors.AccessKeySecret);

    public static TheoryData<string> V1Vectors => SignatureVectors.V1Labels();

    public static TheoryData<string> V3Vectors => SignatureVectors.V3Labels();

    [Theory]
    [MemberData(nameof(V1Vectors))]
    public void SignV1_reproduces_the_client_signature(string label)
    {
        var vector = SignatureVectors.Get(label);
        var business = vector.Params!.Where(p => !CommonV1Parameters.Contains(p.Key));

        var signed = builder.SignV1(vector.Method, vector.Action, business, Nonce, CapturedTime, vector.Params!["Format"]);

        var parameters = WireForm.Decode(signed);
        Assert.Equal("Signature", parameters[^1].Key);
        Assert.Equal(vector.Signature, parameters[^1].Value);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public void SignV1_round_trips_through_the_verifier(string method)
    {
        var signed = builder.SignV1(method, "CreateEdgeDriverVersion",
            [new("DriverId", "d1"), new("Description", "a b*(c)!'~ 中文😀"), new("Empty", "")],
            "nonce-1", new DateTimeOffset(2024, 5, 1, 20, 0, 0, TimeSpan.FromHours(8)));

        // The wire form is strictly encoded, so nothing a decoder could read two ways.
        Assert.Contains("Description=a%20b%2A%28c%29%21%27~%20%E4%B8%AD%E6%96%87%F0%9F%98%80&", signed, StringComparison.Ordinal);
        Assert.Contains("Timestamp=2024-05-01T12%3A00%3A00Z&", signed, StringComparison.Ordinal);
        Assert.Contains("Empty=&", signed, StringComparison.Ordinal);

        var parameters = WireForm.Decode(signed);
        var presented = parameters.Single(p => p.Key == "Signature").Value;
        var secret = SignatureVectors.AccessKeySecret;

        Assert.True(V1Signature.Matches(presented, V1Signature.Sign(V1Signature.StringToSign(method, parameters), secret)));
        var otherMethod = method == "GET" ? "POST" : "GET";
        Assert.False(V1Signature.Matches(presented, V1Signature.Sign(V1Signature.StringToSign(otherMethod, parameters), secret)));
    }

    [Theory]
    [MemberData(nameof(V3Vectors))]
    public void SignV3_gives_the_client_canonical_request_less_the_credentials_provider(string label)
    {
        var vector = SignatureVectors.Get(label);
        var query = WireForm.Decode(vector.QueryString);

        var headers = builder.SignV3(vector.Method, vector.Headers["host"], vector.Action, query, Nonce, CapturedTime);

        // The builder does not send x-acs-credentials-provider; everything else is what the Node client signed.
        var expected = vector.CanonicalRequest!
            .Replace("x-acs-credentials-provider:static_ak\n", "", StringComparison.Ordinal)
            .Replace(";x-acs-credentials-provider", "", StringComparison.Ordinal);
        var authorization = V3Requests.Parse(headers["authorization"]);
        var canonical = V3Signature.CanonicalRequest(vector.Method, "/", query, headers.GetValueOrDefault, authorization.SignedHeaders,
            V3Signature.HexSha256(Encoding.UTF8.GetBytes(vector.Body)));
        Assert.Equal(expected, canonical);
        Assert.Equal(SignatureVectors.AccessKeyId, authorization.AccessKeyId);
        foreach (var name in authorization.SignedHeaders)
        {
            Assert.Equal(vector.Headers[name], headers[name]);
        }
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "")]
    [InlineData("POST", "{\"DriverId\":\"d1\"}")]
    public void SignV3_round_trips_through_the_verifier(string method, string body)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        KeyValuePair<string, string>[] query = [new("Description", "a b*(c)!'~ 中文"), new("DriverId", "d1")];

        var headers = builder.SignV3(method, "localhost:8080", "QueryEdgeDriver", query, "nonce-1",
            new DateTimeOffset(2024, 5, 1, 20, 0, 0, TimeSpan.FromHours(8)), bodyBytes);

        Assert.Equal("2024-05-01T12:00:00Z", headers["x-acs-date"]);
        Assert.Equal(V3Signature.HexSha256(bodyBytes), headers["x-acs-content-sha256"]);
        Assert.True(V3Authorization.TryParse(headers["authorization"], out var authorization, out var error), error);
        Assert.Contains("host", authorization!.SignedHeaders);
        Assert.All(headers.Keys.Where(k => k.StartsWith("x-acs-", StringComparison.Ordinal)), k => Assert.Contains(k, authorization.SignedHeaders));

        string Verify(string m, string b) => V3Signature.Sign(V3Signature.StringToSign(V3Signature.CanonicalRequest(
            m, "/", query, headers.GetValueOrDefault, authorization.SignedHeaders, V3Signature.HexSha256(Encoding.UTF8.GetBytes(b)))),
            SignatureVectors.AccessKeySecret);

        Assert.True(V3Signature.Matches(authorization.Signature, Verify(method, body)));
        Assert.False(V3Signature.Matches(authorization.Signature, Verify(method == "GET" ? "POST" : "GET", body)));
        Assert.False(V3Signature.Matches(authorization.Signature, Verify(method, body + " ")));
    }

    [Fact]
    public void Timestamps_are_formatted_in_utc() =>
        Assert.Equal("2024-05-01T12:00:00Z", SignedRequestBuilder.FormatTimestamp(new DateTimeOffset(2024, 5, 1, 7, 0, 0, TimeSpan.FromHours(-5))));
}
