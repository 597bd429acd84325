using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Signing;

/// <summary>
/// Every V1 vector, rebuilt from the wire (query and form body decoded), must give the client's canonical query,
/// string to sign and signature. The wire forms differ (pop-core encodes <c>()*!'</c>, the Tea client leaves them raw).
/// </summary>
public sealed class V1VectorTests
{
    public static TheoryData<string> Vectors => SignatureVectors.V1Labels();

    [Fact]
    public void The_file_holds_the_expected_vectors()
    {
        Assert.Equal(6, SignatureVectors.V1.Count());
        Assert.Equal(2, SignatureVectors.V3.Count());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decoded_wire_parameters_are_the_captured_parameters(string label)
    {
        var vector = SignatureVectors.Get(label);

        var decoded = vector.DecodedV1Parameters();

        Assert.Equal(
            vector.Params!.OrderBy(p => p.Key, StringComparer.Ordinal),
            decoded.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Canonical_query_matches_the_client(string label)
    {
        var vector = SignatureVectors.Get(label);

        Assert.Equal(vector.CanonicalQuery, V1Signature.CanonicalQuery(vector.DecodedV1Parameters()));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void String_to_sign_matches_the_client(string label)
    {
        var vector = SignatureVectors.Get(label);

        Assert.Equal(vector.StringToSign, V1Signature.StringToSign(vector.Method, vector.DecodedV1Parameters()));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Signature_matches_the_client_and_the_presented_one(string label)
    {
        var vector = SignatureVectors.Get(label);

        var signature = V1Signature.Sign(V1Signature.StringToSign(vector.Method, vector.DecodedV1Parameters()), SignatureVectors.AccessKeySecret);

        Assert.Equal(vector.Signature, signature);
        Assert.Equal(vector.Signature, vector.PresentedV1Signature());
        Assert.True(V1Signature.Matches(vector.PresentedV1Signature(), signature));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Lower_case_method_signs_like_upper_case(string label)
    {
        var vector = SignatureVectors.Get(label);

        Assert.Equal(vector.StringToSign, V1Signature.StringToSign(vector.Method.ToLowerInvariant(), vector.DecodedV1Parameters()));
    }

    [Fact]
    public void Signature_parameter_is_left_out_of_the_canonical_query()
    {
        var canonical = V1Signature.CanonicalQuery([new("B", "2"), new("Signature", "abc="), new("A", "1")]);

        Assert.Equal("A=1&B=2", canonical);
    }

    [Fact]
    public void Empty_values_count_and_names_sort_by_ordinal()
    {
        var canonical = V1Signature.CanonicalQuery([new("b", "x"), new("SignatureType", ""), new("B", "y"), new("a b", "1")]);

        Assert.Equal("B=y&SignatureType=&a%20b=1&b=x", canonical);
    }
}
