using EdgeRegistry.Signing;
using EdgeRegistry.Tests.Signing;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// The replay of the hardening issue: a signed UpdateEdgeDriverVersion is intercepted and sent with
/// <c>Argument=…&amp;Description=…</c> folded into one parameter named <c>Argument=…&amp;Description</c>. The server
/// used to build the same canonical query for both, accept the signature, and replace the version without its
/// Description and Argument. It must refuse the folded request and change nothing; the untouched request still works.
/// </summary>
public sealed class FoldedQueryReplayTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private async Task<string> VersionWithDescriptionAndArgumentAsync()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0", ("Description", "kept"), ("Argument", "--kept"));
        return id;
    }

    private static KeyValuePair<string, string>[] Update(string id) =>
    [
        new("Argument", "--new"), new("Description", "new"), new("DriverId", id), new("DriverVersion", "1.0"), new("EdgeVersion", "2.4.0"),
    ];

    /// <summary>The same text once the query is read without decoding names: A=a&amp;B=b as one name A=a&amp;B.</summary>
    private static string Folded(string id) =>
        "Argument%3D--new%26Description=new&DriverId=" + id + "&DriverVersion=1.0&EdgeVersion=2.4.0";

    private async Task AssertUnchangedAsync(string id)
    {
        var version = await _client.FindVersionAsync(id, "1.0");
        Assert.Equal("kept", version.GetProperty("Description").GetString());
        Assert.Equal("--kept", version.GetProperty("Argument").GetString());
    }

    [Fact]
    public async Task A_signed_V3_request_replayed_with_a_folded_query_is_refused_and_changes_nothing()
    {
        var id = await VersionWithDescriptionAndArgumentAsync();
        var headers = _client.SignV3("UpdateEdgeDriverVersion", Update(id), new V3Options());

        var replayed = await SendV3Async(Folded(id), headers);

        Assert.Contains("Argument=--new&Description", RpcAssert.GatewayError(replayed, 400, "InvalidParameter"), StringComparison.Ordinal);
        await AssertUnchangedAsync(id);

        // The captured request itself was genuine, and the refused replay did not use up its nonce.
        RpcAssert.Success(await SendV3Async(RpcTestClient.Encode(Update(id)), headers));
        var version = await _client.FindVersionAsync(id, "1.0");
        Assert.Equal("new", version.GetProperty("Description").GetString());
        Assert.Equal("--new", version.GetProperty("Argument").GetString());
    }

    /// <summary>Even were the name allowed, the signature no longer covers the folded query.</summary>
    [Fact]
    public void The_folded_query_no_longer_has_the_signed_request_s_canonical_query()
    {
        var folded = WireForm.Decode(Folded("d"));

        Assert.Equal(4, folded.Count);
        Assert.NotEqual(V3Signature.CanonicalQuery(Update("d")), V3Signature.CanonicalQuery(folded));
    }

    /// <summary>V1 encoded names all along; the folded form is refused too and changes nothing.</summary>
    [Fact]
    public async Task A_signed_V1_request_replayed_with_a_folded_query_is_refused_and_changes_nothing()
    {
        var id = await VersionWithDescriptionAndArgumentAsync();
        var signed = _client.SignV1("UpdateEdgeDriverVersion", Update(id), new V1Options { Method = "GET" });
        var common = RpcTestClient.Encode(signed.Where(p => Update(id).All(u => u.Key != p.Key)));

        var replayed = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri($"/?{Folded(id)}&{common}", UriKind.Relative)));

        // Refused before its signature is checked; were the name allowed, V1's canonical query would still differ.
        RpcAssert.GatewayError(replayed, 400, "InvalidParameter");
        await AssertUnchangedAsync(id);
    }

    private Task<RpcResponse> SendV3Async(string rawQuery, IReadOnlyDictionary<string, string> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/?" + rawQuery, UriKind.Relative)) { Content = new ByteArrayContent([]) };
        foreach (var (name, value) in headers.Where(h => h.Key != "host"))
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value));
        }

        return _client.SendAsync(request);
    }
}
