using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Signing;

/// <summary>
/// Two different parameter sets must never share a canonical query, or a signature made for one is valid for the
/// other. The attack: a signed <c>A=a&amp;B=b</c> replayed as one parameter named <c>A=a&amp;B</c> (sent as
/// <c>A%3Da%26B=b</c>) drops A and B from what the server acts on while the signature still holds.
/// </summary>
public sealed class CanonicalQueryFoldingTests
{
    private static KeyValuePair<string, string>[] Set(params (string Name, string Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))];

    /// <summary>Each row: a parameter set and a folded one whose unencoded names and values join to the same text.</summary>
    public static TheoryData<KeyValuePair<string, string>[], KeyValuePair<string, string>[]> FoldedSets => new()
    {
        { Set(("A", "a"), ("B", "b")), Set(("A=a&B", "b")) },
        { Set(("A", "a"), ("B", "b")), Set(("A", "a&B=b")) },
        {
            Set(("Argument", "--x"), ("Description", "d"), ("DriverId", "1"), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0")),
            Set(("Argument=--x&Description", "d"), ("DriverId", "1"), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0"))
        },
        { Set(("A", "a"), ("B", "")), Set(("A=a&B", "")) },
        { Set(("A", "")), Set(("A=", "")) },
        { Set(("A", "b")), Set(("A=b", "")) },
    };

    [Theory]
    [MemberData(nameof(FoldedSets))]
    public void V3_folded_parameter_sets_have_different_canonical_queries(KeyValuePair<string, string>[] signed, KeyValuePair<string, string>[] folded) =>
        Assert.NotEqual(V3Signature.CanonicalQuery(signed), V3Signature.CanonicalQuery(folded));

    [Theory]
    [MemberData(nameof(FoldedSets))]
    public void V3_folded_parameter_sets_have_different_signatures(KeyValuePair<string, string>[] signed, KeyValuePair<string, string>[] folded)
    {
        string Signature(KeyValuePair<string, string>[] query) => V3Signature.Sign(V3Signature.StringToSign(
            V3Signature.CanonicalRequest("POST", "/", query, _ => "h", ["host"], V3Signature.EmptyBodySha256)), "secret");

        Assert.NotEqual(Signature(signed), Signature(folded));
    }

    /// <summary>V1 always encoded names and values; this pins that it stays so.</summary>
    [Theory]
    [MemberData(nameof(FoldedSets))]
    public void V1_folded_parameter_sets_have_different_canonical_queries(KeyValuePair<string, string>[] signed, KeyValuePair<string, string>[] folded) =>
        Assert.NotEqual(V1Signature.CanonicalQuery(signed), V1Signature.CanonicalQuery(folded));

    [Fact]
    public void V3_encodes_names_strictly_like_values()
    {
        Assert.Equal("A%3Da%26B=b", V3Signature.CanonicalQuery(Set(("A=a&B", "b"))));
        Assert.Equal("a%20b=%2A&%E4%B8%AD=~", V3Signature.CanonicalQuery(Set(("a b", "*"), ("中", "~"))));
    }

    /// <summary>What the official clients send: plain ASCII names, on which encoding changes nothing.</summary>
    [Fact]
    public void V3_leaves_plain_names_as_they_are()
    {
        var query = Set(("DriverIds.1", "x y"), ("IotInstanceId", ""), ("CurrentPage", "1"));

        Assert.Equal("CurrentPage=1&DriverIds.1=x%20y&IotInstanceId=", V3Signature.CanonicalQuery(query));
    }

    /// <summary>Sorted by name, then value: the same set in any order gives one string.</summary>
    [Fact]
    public void V3_canonical_query_does_not_depend_on_the_order_given()
    {
        var one = Set(("B", "2"), ("A", "1"), ("A", "0"));
        var other = Set(("A", "0"), ("B", "2"), ("A", "1"));

        Assert.Equal("A=0&A=1&B=2", V3Signature.CanonicalQuery(one));
        Assert.Equal(V3Signature.CanonicalQuery(one), V3Signature.CanonicalQuery(other));
    }
}
