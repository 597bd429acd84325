using System.Text.Json;

namespace EdgeRegistry.Tests.Signing;

/// <summary>
/// The requests captured from the official Node clients (see <c>signature-vectors.json</c>), with their
/// canonical strings and signatures. Tests compare against these captured values, never against a second
/// run of the library.
/// </summary>
public static class SignatureVectors
{
    private static readonly Lazy<VectorFile> File = new(Load);

    public static string AccessKeyId => File.Value.AccessKeyId;

    public static string AccessKeySecret => File.Value.AccessKeySecret;

    public static IReadOnlyList<SignatureVector> All => File.Value.Vectors;

    public static IEnumerable<SignatureVector> V1 => All.Where(v => v.IsV1);

    public static IEnumerable<SignatureVector> V3 => All.Where(v => !v.IsV1);

    /// <summary>Looks a vector up by the label theories carry (strings keep every case visible in the runner).</summary>
    public static SignatureVector Get(string label) => All.Single(v => v.Label == label);

    public static TheoryData<string> V1Labels() => [.. V1.Select(v => v.Label)];

    public static TheoryData<string> V3Labels() => [.. V3.Select(v => v.Label)];

    private static VectorFile Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Signing", "signature-vectors.json");
        var file = JsonSerializer.Deserialize<VectorFile>(System.IO.File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{path} is empty.");
        return file;
    }

    private sealed record VectorFile(string AccessKeyId, string AccessKeySecret, IReadOnlyList<SignatureVector> Vectors);
}

public sealed record SignatureVector(
    string Client,
    string Action,
    string Method,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    IReadOnlyDictionary<string, string>? Params,
    string? CanonicalQuery,
    string? CanonicalRequest,
    string StringToSign,
    string Signature,
    string? SignedHeaders)
{
    public bool IsV1 => CanonicalRequest is null;

    public string Label => $"{Client} {Action}";

    public string Authorization => Headers["authorization"];

    public string QueryString => Url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? Url[(q + 1)..] : "";

    /// <summary>What a V1 verifier reads: every query parameter and every form-body parameter, decoded.</summary>
    public List<KeyValuePair<string, string>> DecodedV1Parameters() =>
        [.. WireForm.Decode(QueryString), .. WireForm.Decode(Body)];

    public string PresentedV1Signature() => DecodedV1Parameters().Single(p => p.Key == "Signature").Value;
}

/// <summary>
/// Decodes <c>name=value&amp;…</c> as it arrives in a URL query or an <c>application/x-www-form-urlencoded</c> body
/// (<c>+</c> is a space, <c>%XX</c> is a UTF-8 byte). Kept independent of the library so the tests check its
/// re-encoding against the clients' wire encodings.
/// </summary>
public static class WireForm
{
    public static List<KeyValuePair<string, string>> Decode(string encoded)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            result.Add(new(Unescape(name), Unescape(value)));
        }

        return result;
    }

    private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}

internal static class Tampering
{
    /// <summary>Changes the last character only, so the tests also show that a one-character difference is caught.</summary>
    public static string OneCharacter(string value) =>
        value.Length == 0 ? "x" : value[..^1] + (value[^1] == 'x' ? 'y' : 'x');
}
