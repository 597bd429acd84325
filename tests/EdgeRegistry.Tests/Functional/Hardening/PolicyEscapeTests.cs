using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// RAM policy documents are JSON too, and are parsed again on the request path: an escaped lone surrogate in one
/// made the admin API answer 500, and a stored one would have failed every call of the users it is attached to.
/// </summary>
public sealed class PolicyEscapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly AdminClient _admin = fixture.Server.Admin();

    [Theory]
    [InlineData("""{"Version":"1","Statement":[{"Effect":"Allow","Action":["iot:Get*","iot:\ud800"],"Resource":["*"]}]}""", "Statement[0].Action[1]: the text has \\ud800")]
    [InlineData("""{"Version":"1","Statement":[{"Effect":"Allow","Action":["iot:*"],"Resource":["*"],"\udc00":1}]}""", "Statement[0]: the text has a property name with \\udc00")]
    [InlineData("""{"Version":"1\u0000","Statement":[]}""", "Version: the text has \\u0000")]
    public async Task A_document_whose_escapes_decode_to_uncarryable_text_is_refused_naming_the_element(string document, string message)
    {
        var account = await _admin.DefaultAccountIdAsync();

        var response = AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{account}/policies/{AdminClient.UniqueName("p")}", document), 400, "InvalidArgument");

        Assert.Contains(message, response.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_document_that_no_longer_parses_grants_nothing_and_fails_nothing()
    {
        var account = await _admin.DefaultAccountIdAsync();
        var user = AdminClient.UniqueName("user");
        await _admin.CreateUserAsync(account, user);
        var key = await _admin.CreateKeyAsync(account, user);
        var client = fixture.Server.ClientFor(key);
        // As an older release could have stored it: written straight into the table, then attached.
        var planted = AdminClient.UniqueName("legacy");
        fixture.Server.Execute("INSERT INTO policies (account_id, policy_name, document, created_ms) VALUES ($a, $p, $d, 1)",
            ("$a", account), ("$p", planted), ("$d", """{"Version":"1","Statement":[{"Effect":"Allow","Action":["iot:\ud800"],"Resource":["*"]}]}"""));
        await _admin.AttachAsync(account, user, planted);

        RpcAssert.GatewayError(await client.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "1"), ("Type", "1")), 403, "Forbidden.RAM");

        var allowed = AdminClient.UniqueName("allow");
        await _admin.PutPolicyAsync(account, allowed, AdminClient.Policy("Allow", "iot:QueryEdgeDriver"));
        await _admin.AttachAsync(account, user, allowed);
        RpcAssert.Success(await client.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "1"), ("Type", "1")));
    }
}
