using System.Text;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Signing;

/// <summary>
/// Every V3 vector: the Authorization header parsed, the canonical request rebuilt from the decoded URL query,
/// the captured headers and the body's SHA-256, compared with what the client signed.
/// </summary>
public sealed class V3VectorTests
{
    public static TheoryData<string> Vectors => SignatureVectors.V3Labels();

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Authorization_header_parses(string label)
    {
        var vector = SignatureVectors.Get(label);

        Assert.True(V3Authorization.TryParse(vector.Authorization, out var authorization, out var error), error);

        Assert.Equal(SignatureVectors.AccessKeyId, authorization!.AccessKeyId);
        Assert.Equal(vector.SignedHeaders!.Split(';'), authorization.SignedHeaders);
        Assert.Equal(vector.Signature, authorization.Signature);
        Assert.Equal("", error);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Body_hash_header_is_the_hash_of_the_body(string label)
    {
        var vector = SignatureVectors.Get(label);

        Assert.Equal(vector.Headers["x-acs-content-sha256"], V3Signature.HexSha256(Encoding.UTF8.GetBytes(vector.Body)));
        Assert.Equal(V3Signature.EmptyBodySha256, V3Signature.HexSha256([]));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Canonical_request_matches_the_client(string label)
    {
        var vector = SignatureVectors.Get(label);

        Assert.Equal(vector.CanonicalRequest, V3Requests.CanonicalRequest(vector));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void String_to_sign_matches_the_client(string label)
    {
        var vector = SignatureVectors.Get(label);

        Assert.Equal(vector.StringToSign, V3Signature.StringToSign(V3Requests.CanonicalRequest(vector)));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Signature_matches_the_client_and_the_presented_one(string label)
    {
        var vector = SignatureVectors.Get(label);

        var signature = V3Requests.Recompute(vector);

        Assert.Equal(vector.Signature, signature);
        Assert.True(V3Signature.Matches(V3Requests.Presented(vector), signature));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Upper_case_presented_signature_still_matches(string label)
    {
        var vector = SignatureVectors.Get(label);

        Assert.True(V3Signature.Matches(vector.Signature.ToUpperInvariant(), V3Requests.Recompute(vector)));
    }

    [Fact]
    public void Canonical_query_keeps_plain_names_and_strictly_encodes_values()
    {
        var canonical = V3Signature.CanonicalQuery([new("b", "x y*"), new("Empty", ""), new("a", "(1)!")]);

        Assert.Equal("Empty=&a=%281%29%21&b=x%20y%2A", canonical);
    }

    [Fact]
    public void Header_values_are_trimmed_and_absent_headers_are_empty()
    {
        var headers = new Dictionary<string, string> { ["host"] = "  h:1 \t", ["x-acs-action"] = "A" };

        var canonical = V3Signature.CanonicalRequest("post", "/", [], headers.GetValueOrDefault, ["X-Acs-Action", "host", "x-acs-missing"], "abc");

        Assert.Equal("POST\n/\n\nhost:h:1\nx-acs-action:A\nx-acs-missing:\n\nhost;x-acs-action;x-acs-missing\nabc", canonical);
    }
}
