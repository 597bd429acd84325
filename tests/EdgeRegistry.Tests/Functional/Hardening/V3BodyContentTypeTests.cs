using System.Text;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// The same class of hole as the folded query, through the body: x-acs-content-sha256 pins a V3 body's bytes, but
/// Content-Type decides whether they are read as parameters. Unsigned, it could be switched from a form to
/// anything else to drop the body's parameters under the same signature, so a V3 body needs a signed content-type.
/// </summary>
public sealed class V3BodyContentTypeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Form = "application/x-www-form-urlencoded";

    private readonly RpcTestClient _client = fixture.Client;

    private static readonly byte[] Body = Encoding.ASCII.GetBytes("Argument=--new&Description=new");

    private async Task<string> VersionAsync()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0", ("Description", "kept"), ("Argument", "--kept"));
        return id;
    }

    private static KeyValuePair<string, string>[] Query(string id) =>
        [new("DriverId", id), new("DriverVersion", "1.0"), new("EdgeVersion", "2.4.0")];

    [Fact]
    public async Task A_form_body_with_a_signed_content_type_is_read()
    {
        var id = await VersionAsync();

        RpcAssert.Success(await _client.V3Async("UpdateEdgeDriverVersion", Query(id),
            new V3Options { Body = Body, SignedHeaders = new Dictionary<string, string> { ["content-type"] = Form } }));

        Assert.Equal("new", (await _client.FindVersionAsync(id, "1.0")).GetProperty("Description").GetString());
    }

    [Fact]
    public async Task A_signed_form_body_sent_as_another_content_type_is_refused()
    {
        var id = await VersionAsync();

        var response = await _client.V3Async("UpdateEdgeDriverVersion", Query(id), new V3Options
        {
            Body = Body,
            SignedHeaders = new Dictionary<string, string> { ["content-type"] = Form },
            BodyContentType = "application/octet-stream",
        });

        RpcAssert.GatewayError(response, 400, "SignatureDoesNotMatch");
        Assert.Equal("kept", (await _client.FindVersionAsync(id, "1.0")).GetProperty("Description").GetString());
    }

    /// <summary>Signed without content-type, then sent as octet-stream: this used to replace the version without them.</summary>
    [Theory]
    [InlineData(Form)]
    [InlineData("application/octet-stream")]
    public async Task A_body_whose_content_type_is_not_signed_is_IncompleteSignature_and_changes_nothing(string sentAs)
    {
        var id = await VersionAsync();

        var response = await _client.V3Async("UpdateEdgeDriverVersion", Query(id), new V3Options { Body = Body, BodyContentType = sentAs });

        Assert.Contains("content-type", RpcAssert.GatewayError(response, 400, "IncompleteSignature"), StringComparison.Ordinal);
        var version = await _client.FindVersionAsync(id, "1.0");
        Assert.Equal("kept", version.GetProperty("Description").GetString());
        Assert.Equal("--kept", version.GetProperty("Argument").GetString());
    }
}
