using BenchmarkDotNet.Attributes;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Benchmarks;

/// <summary>What the server computes to verify one QueryEdgeDriverVersion request, per scheme.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private const string Secret = "testsecret";

    private static readonly KeyValuePair<string, string>[] V1Parameters =
    [
        new("AccessKeyId", "testid"), new("Action", "QueryEdgeDriverVersion"), new("CurrentPage", "1"),
        new("DriverId", "fec565038d7544978d9aed5c1a000001"), new("Format", "JSON"), new("PageSize", "10"),
        new("SignatureMethod", "HMAC-SHA1"), new("SignatureNonce", "0123456789abcdef0123456789abcdef"),
        new("SignatureVersion", "1.0"), new("Timestamp", "2024-05-01T12:00:00Z"), new("Version", "2018-01-20"),
        new("Signature", "JSdUa70cQ0k02XWV8GkRouVHkM8="),
    ];

    private static readonly KeyValuePair<string, string>[] V3Query =
    [
        new("CurrentPage", "1"), new("DriverId", "fec565038d7544978d9aed5c1a000001"), new("PageSize", "10"),
    ];

    private static readonly Dictionary<string, string> V3Headers = new()
    {
        ["host"] = "127.0.0.1:18080",
        ["x-acs-action"] = "QueryEdgeDriverVersion",
        ["x-acs-content-sha256"] = V3Signature.EmptyBodySha256,
        ["x-acs-date"] = "2024-05-01T12:00:00Z",
        ["x-acs-signature-nonce"] = "0123456789abcdef0123456789abcdef",
        ["x-acs-version"] = "2018-01-20",
    };

    private static readonly string[] SignedHeaders = [.. V3Headers.Keys];

    [Benchmark]
    public string VerifyV1() => V1Signature.Sign(V1Signature.StringToSign("GET", V1Parameters), Secret);

    [Benchmark]
    public string VerifyV3()
    {
        var canonical = V3Signature.CanonicalRequest("POST", "/", V3Query, V3Headers.GetValueOrDefault, SignedHeaders, V3Signature.EmptyBodySha256);
        return V3Signature.Sign(V3Signature.StringToSign(canonical), Secret);
    }
}
