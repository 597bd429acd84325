using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Signing;

public sealed class V3AuthorizationTests
{
    private const string Signature = "e5983f2ea495acc28a38725cb5bf7b399746e88932a6d9c27191d97afdf89832";

    private const string Good =
        "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="
        + Signature;

    [Fact]
    public void Parses_the_header_the_client_sent()
    {
        Assert.True(V3Authorization.TryParse(Good, out var authorization, out var error));

        Assert.Equal("", error);
        Assert.NotNull(authorization);
        Assert.Equal("testid", authorization.AccessKeyId);
        Assert.Equal(
            ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-credentials-provider", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"],
            authorization.SignedHeaders);
        Assert.Equal(Signature, authorization.Signature);
    }

    [Fact]
    public void Formats_back_to_the_same_header() =>
        Assert.Equal(Good, new V3Authorization(
            "testid",
            ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-credentials-provider", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"],
            Signature).ToString());

    [Fact]
    public void Tolerates_spaces_after_commas_and_lower_cases_header_names()
    {
        Assert.True(V3Authorization.TryParse(
            "ACS3-HMAC-SHA256 Credential=testid, SignedHeaders=Host;X-Acs-Date , Signature=ab", out var authorization, out _));

        Assert.Equal(["host", "x-acs-date"], authorization!.SignedHeaders);
        Assert.Equal("ab", authorization.Signature);
    }

    [Theory]
    [InlineData("ACS3-HMAC-SHA256 SignedHeaders=host,Signature=ab", "Credential")]
    [InlineData("ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=ab", "Credential")]
    [InlineData("ACS3-HMAC-SHA256 Credential=testid,Signature=ab", "SignedHeaders")]
    [InlineData("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=,Signature=ab", "SignedHeaders")]
    [InlineData("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host", "Signature")]
    [InlineData("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host,Signature=", "Signature")]
    [InlineData("ACS3-HMAC-SHA256", "Credential")]
    public void A_missing_part_is_refused_with_its_name(string header, string missing)
    {
        Assert.False(V3Authorization.TryParse(header, out var authorization, out var error));

        Assert.Null(authorization);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.EndsWith("no " + missing + ".", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ACS3-HMAC-SM3 Credential=testid,SignedHeaders=host,Signature=ab", "ACS3-HMAC-SM3")]
    [InlineData("acs3-hmac-sha256 Credential=testid,SignedHeaders=host,Signature=ab", "acs3-hmac-sha256")]
    [InlineData("ACS3-RSA-SHA256 Credential=testid,SignedHeaders=host,Signature=ab", "ACS3-RSA-SHA256")]
    [InlineData("Bearer abc", "Bearer")]
    public void Another_algorithm_is_refused_with_a_message(string header, string algorithm)
    {
        Assert.False(V3Authorization.TryParse(header, out var authorization, out var error));

        Assert.Null(authorization);
        Assert.Contains($"\"{algorithm}\"", error, StringComparison.Ordinal);
        Assert.Contains("ACS3-HMAC-SHA256", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_header_is_refused()
    {
        Assert.False(V3Authorization.TryParse("", out var authorization, out var error));

        Assert.Null(authorization);
        Assert.NotEmpty(error);
    }
}
