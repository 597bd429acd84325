using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Signing;

/// <summary>
/// Any change to a signed V1 request must make the recomputed signature differ from the presented one.
/// Each test first checks that the untouched request verifies, so a failure cannot come from the set-up.
/// </summary>
public sealed class V1TamperingTests
{
    public static TheoryData<string> Vectors => SignatureVectors.V1Labels();

    public static TheoryData<string, string> SignedParameters
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var vector in SignatureVectors.V1)
            {
                foreach (var name in vector.DecodedV1Parameters().Select(p => p.Key).Where(n => n != "Signature"))
                {
                    data.Add(vector.Label, name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SignedParameters))]
    public void Changing_a_parameter_value_breaks_the_signature(string label, string name)
    {
        var vector = SignatureVectors.Get(label);
        var parameters = vector.DecodedV1Parameters();
        var index = parameters.FindIndex(p => p.Key == name);
        parameters[index] = new(name, Tampering.OneCharacter(parameters[index].Value));

        AssertRejected(vector, vector.Method, parameters);
    }

    [Theory]
    [MemberData(nameof(SignedParameters))]
    public void Removing_a_parameter_breaks_the_signature(string label, string name)
    {
        var vector = SignatureVectors.Get(label);
        var parameters = vector.DecodedV1Parameters();
        parameters.RemoveAll(p => p.Key == name);

        AssertRejected(vector, vector.Method, parameters);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Adding_a_parameter_breaks_the_signature(string label)
    {
        var vector = SignatureVectors.Get(label);
        var parameters = vector.DecodedV1Parameters();
        parameters.Add(new("OwnerAccount", ""));

        AssertRejected(vector, vector.Method, parameters);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Changing_the_http_method_breaks_the_signature(string label)
    {
        var vector = SignatureVectors.Get(label);

        AssertRejected(vector, vector.Method == "GET" ? "POST" : "GET", vector.DecodedV1Parameters());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Another_secret_gives_another_signature(string label)
    {
        var vector = SignatureVectors.Get(label);
        AssertAccepted(vector);

        var signature = V1Signature.Sign(V1Signature.StringToSign(vector.Method, vector.DecodedV1Parameters()), "testsecreT");

        Assert.NotEqual(vector.Signature, signature);
        Assert.False(V1Signature.Matches(vector.PresentedV1Signature(), signature));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Changing_the_presented_signature_is_rejected(string label)
    {
        var vector = SignatureVectors.Get(label);
        var expected = V1Signature.Sign(V1Signature.StringToSign(vector.Method, vector.DecodedV1Parameters()), SignatureVectors.AccessKeySecret);

        Assert.False(V1Signature.Matches(Tampering.OneCharacter(vector.PresentedV1Signature()), expected));
        Assert.False(V1Signature.Matches(vector.PresentedV1Signature()[..^1], expected));
        Assert.False(V1Signature.Matches("", expected));
    }

    private static void AssertAccepted(SignatureVector vector)
    {
        var signature = V1Signature.Sign(V1Signature.StringToSign(vector.Method, vector.DecodedV1Parameters()), SignatureVectors.AccessKeySecret);
        Assert.True(V1Signature.Matches(vector.PresentedV1Signature(), signature));
    }

    private static void AssertRejected(SignatureVector vector, string method, List<KeyValuePair<string, string>> tampered)
    {
        AssertAccepted(vector);

        var stringToSign = V1Signature.StringToSign(method, tampered);
        var signature = V1Signature.Sign(stringToSign, SignatureVectors.AccessKeySecret);

        Assert.NotEqual(vector.StringToSign, stringToSign);
        Assert.False(V1Signature.Matches(vector.PresentedV1Signature(), signature));
    }
}
