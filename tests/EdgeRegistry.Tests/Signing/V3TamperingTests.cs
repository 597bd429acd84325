using System.Text;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Signing;

/// <summary>
/// Any change to a signed V3 request must make the recomputed signature differ from the presented one (or, for the
/// body, make it disagree with the signed <c>x-acs-content-sha256</c>). Each test first checks the untouched request.
/// </summary>
public sealed class V3TamperingTests
{
    public static TheoryData<string> Vectors => SignatureVectors.V3Labels();

    public static TheoryData<string, string> SignedHeaders
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var vector in SignatureVectors.V3)
            {
                foreach (var name in vector.SignedHeaders!.Split(';'))
                {
                    data.Add(vector.Label, name);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, string> QueryParameters
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var vector in SignatureVectors.V3)
            {
                foreach (var (name, _) in WireForm.Decode(vector.QueryString))
                {
                    data.Add(vector.Label, name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SignedHeaders))]
    public void Changing_a_signed_header_breaks_the_signature(string label, string name)
    {
        var vector = SignatureVectors.Get(label);
        var headers = new Dictionary<string, string>(vector.Headers) { [name] = Tampering.OneCharacter(vector.Headers[name]) };

        AssertRejected(vector, V3Requests.Recompute(vector, headers: headers));
    }

    [Theory]
    [MemberData(nameof(SignedHeaders))]
    public void Dropping_a_header_from_SignedHeaders_breaks_the_signature(string label, string name)
    {
        var vector = SignatureVectors.Get(label);
        var signedHeaders = V3Requests.Parse(vector.Authorization).SignedHeaders.Where(h => h != name).ToArray();

        AssertRejected(vector, V3Requests.Recompute(vector, signedHeaders: signedHeaders));
    }

    [Theory]
    [MemberData(nameof(QueryParameters))]
    public void Changing_a_query_value_breaks_the_signature(string label, string name)
    {
        var vector = SignatureVectors.Get(label);
        var query = WireForm.Decode(vector.QueryString);
        var index = query.FindIndex(p => p.Key == name);
        query[index] = new(name, Tampering.OneCharacter(query[index].Value));

        AssertRejected(vector, V3Requests.Recompute(vector, query: query));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Adding_a_query_parameter_breaks_the_signature(string label)
    {
        var vector = SignatureVectors.Get(label);
        var query = WireForm.Decode(vector.QueryString);
        query.Add(new("IotInstanceId", "iot-1"));

        AssertRejected(vector, V3Requests.Recompute(vector, query: query));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Changing_the_body_no_longer_matches_the_signed_body_hash(string label)
    {
        var vector = SignatureVectors.Get(label);
        AssertAccepted(vector);
        const string body = "DriverId=fec565038d7544978d9aed5c1a000002";

        // The header still carries the old hash, so the signature over the headers alone would still verify:
        // the server must compare the header with the body it received.
        Assert.NotEqual(vector.Headers["x-acs-content-sha256"], V3Signature.HexSha256(Encoding.UTF8.GetBytes(body)));
        // And the canonical request built from the received body no longer verifies either.
        AssertRejected(vector, V3Requests.Recompute(vector, body: body));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Changing_the_http_method_breaks_the_signature(string label)
    {
        var vector = SignatureVectors.Get(label);

        AssertRejected(vector, V3Requests.Recompute(vector, method: "GET"));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Another_secret_gives_another_signature(string label)
    {
        var vector = SignatureVectors.Get(label);

        AssertRejected(vector, V3Requests.Recompute(vector, secret: "testsecret&"));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Changing_the_presented_signature_is_rejected(string label)
    {
        var vector = SignatureVectors.Get(label);
        var expected = V3Requests.Recompute(vector);

        Assert.False(V3Signature.Matches(Tampering.OneCharacter(vector.Signature), expected));
        Assert.False(V3Signature.Matches(vector.Signature[..^1], expected));
        Assert.False(V3Signature.Matches("", expected));
    }

    private static void AssertAccepted(SignatureVector vector) =>
        Assert.True(V3Signature.Matches(V3Requests.Presented(vector), V3Requests.Recompute(vector)));

    private static void AssertRejected(SignatureVector vector, string recomputed)
    {
        AssertAccepted(vector);

        Assert.NotEqual(vector.Signature, recomputed);
        Assert.False(V3Signature.Matches(V3Requests.Presented(vector), recomputed));
    }
}
