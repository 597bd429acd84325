using System.Text.RegularExpressions;
using EdgeRegistry.Rpc;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Rpc;

/// <summary>
/// README "Errors": <c>/docs/errors</c> is generated from the error catalog (<see cref="RpcErrors"/>) and lists every
/// code the server can answer; every <c>Recommend</c> link points at an anchor the served page has.
/// </summary>
public sealed partial class ErrorDocsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task<string> PageAsync() => await fixture.Client.Http.GetStringAsync(ErrorDocs.Path);

    private static HashSet<string> Anchors(string html) =>
        [.. AnchorPattern().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    [Fact]
    public async Task Every_code_of_the_catalog_has_its_anchor_in_the_served_page()
    {
        var anchors = Anchors(await PageAsync());

        Assert.NotEmpty(ErrorCatalog.All);
        Assert.All(ErrorCatalog.All, e => Assert.Contains(ErrorDocs.AnchorFor(e.Code), anchors));
    }

    [Fact]
    public void Every_code_of_the_catalog_says_when_it_is_answered()
    {
        Assert.All(ErrorCatalog.All, e => Assert.True(ErrorDocs.When.ContainsKey(e.Code), $"{e.Code} has no text in ErrorDocs.When"));
        Assert.All(ErrorDocs.When.Keys, code => Assert.Contains(code, ErrorCatalog.All.Select(e => e.Code)));
    }

    [Fact]
    public async Task The_page_lists_gateway_and_business_codes_and_every_iot_code_of_api_md()
    {
        var page = await PageAsync();
        var api = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rpc", "api.md"));
        string[] required = ["Forbidden.RAM", "Throttling.User", "SignatureDoesNotMatch", "InvalidPath.NotFound", "Request.UrlTooLong",
            .. IotCode().Matches(api).Select(m => m.Value).Distinct()];

        var anchors = Anchors(page);
        Assert.All(required, code => Assert.Contains(code, anchors));
    }

    [Fact]
    public async Task Recommend_links_of_answered_errors_point_at_anchors_that_exist()
    {
        var anchors = Anchors(await PageAsync());
        RpcResponse[] answers =
        [
            await fixture.Client.CallAsync("QueryEdgeDriverVersion"), // MissingDriverId
            await fixture.Client.CallAsync("NoSuchAction"),
            await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/no/such/path")),
        ];

        Assert.All(answers, a =>
        {
            var recommend = new Uri(a.Field("Recommend")!);
            Assert.Equal(ErrorDocs.Path, recommend.AbsolutePath);
            Assert.Contains(recommend.Fragment.TrimStart('#'), anchors);
        });
    }

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex AnchorPattern();

    [GeneratedRegex(@"iot\.[a-z]+\.[A-Za-z]+")]
    private static partial Regex IotCode();
}
