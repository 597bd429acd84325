using CsCheck;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Properties;

/// <summary>
/// The canonical strings both signature schemes sign: two different parameter sets never share one (else one
/// signature would authorise both, issue 11's folded V3 query), and the strict encoding is the RFC 3986 one.
/// Values are valid Unicode: the server decodes UTF-8 bytes, so a lone surrogate can never reach the canonicaliser.
/// </summary>
public sealed class CanonicalisationProperties
{
    /// <summary>Names unique, as the server requires of every request (a name twice is refused before signing).</summary>
    private static readonly Gen<KeyValuePair<string, string>[]> ParameterSet =
        Generators.UnicodePair.Array[0, 6].Select(pairs => pairs.DistinctBy(p => p.Key, StringComparer.Ordinal).ToArray());

    [Fact]
    public void Distinct_parameter_sets_never_share_a_V1_or_V3_canonical_string()
    {
        Gen.Select(ParameterSet, ParameterSet).Sample((a, b) =>
        {
            var same = Sorted(a).SequenceEqual(Sorted(b));
            Assert.Equal(same, V3Signature.CanonicalQuery(a) == V3Signature.CanonicalQuery(b));
            Assert.Equal(same, V1Signature.StringToSign("GET", a) == V1Signature.StringToSign("GET", b));
        }, iter: 5_000);
    }

    [Fact]
    public void Folding_two_parameters_into_one_name_changes_the_canonical_string()
    {
        // Issue 11's attack: A=a&B=b re-read as one parameter named "A=a&B" with the value b.
        Gen.Select(ParameterSet, Generators.UnicodePair, Generators.UnicodePair).Sample((rest, first, second) =>
        {
            KeyValuePair<string, string>[] original = [.. rest, first, second];
            KeyValuePair<string, string>[] folded = [.. rest, new(first.Key + "=" + first.Value + "&" + second.Key, second.Value)];

            Assert.NotEqual(V3Signature.CanonicalQuery(original), V3Signature.CanonicalQuery(folded));
            Assert.NotEqual(V1Signature.StringToSign("POST", original), V1Signature.StringToSign("POST", folded));
        }, iter: 3_000);
    }

    [Fact]
    public void The_canonical_query_decodes_back_to_the_sorted_parameters()
    {
        ParameterSet.Sample(set =>
        {
            var canonical = V3Signature.CanonicalQuery(set);
            var decoded = canonical.Length == 0
                ? []
                : canonical.Split('&').Select(p => p.Split('=')).Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])));

            Assert.Equal(Sorted(set), decoded);
        }, iter: 3_000);
    }

    [Fact]
    public void The_strict_encoding_is_RFC_3986_and_round_trips()
    {
        Generators.UnicodeText.Sample(text =>
        {
            var encoded = AcsPercentEncoding.Encode(text);

            Assert.Equal(Uri.EscapeDataString(text), encoded);
            Assert.Equal(text, Uri.UnescapeDataString(encoded));
            Assert.Matches("^([A-Za-z0-9._~-]|%[0-9A-F]{2})*$", encoded);
        }, iter: 5_000);
    }

    private static IEnumerable<KeyValuePair<string, string>> Sorted(IEnumerable<KeyValuePair<string, string>> set) =>
        set.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
}
