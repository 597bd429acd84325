using System.Net;
using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.WebConsole;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// The web console's files as the server serves them from its own binary: the redirect, the content types, the
/// security headers on every console answer, and nothing but the console's files. The pages themselves are tested in
/// Chromium by tests/console.
/// </summary>
public sealed class ConsoleSiteTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.BaseUri };

    [Fact]
    public async Task Console_without_a_slash_redirects_to_the_console()
    {
        using var response = await _http.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/", response.Headers.Location?.OriginalString);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/console/", "text/html", "<script type=\"module\" src=\"js/main.js\">")]
    [InlineData("/console/index.html", "text/html", "<main id=\"main\"")]
    [InlineData("/console/js/main.js", "text/javascript", "import ")]
    [InlineData("/console/js/signing.js", "text/javascript", "ACS3-HMAC-SHA256")]
    [InlineData("/console/console.css", "text/css", "prefers-color-scheme")]
    [InlineData("/console/favicon.svg", "image/svg+xml", "<svg")]
    public async Task Serves_the_embedded_files_with_their_types_and_headers(string path, string mediaType, string excerpt)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(excerpt, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertSecurityHeaders(response);
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/console/nope.js")]
    [InlineData("/console/edgereg.dll")]
    [InlineData("/console/Console/Site/index.html")]
    [InlineData("/console/js/")]
    public async Task Anything_else_under_the_console_is_not_found_and_still_carries_the_headers(string path)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task The_policy_allows_only_the_console_itself()
    {
        using var response = await _http.GetAsync("/console/");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_RPC_endpoint_and_health_answer_without_the_console_headers()
    {
        using var health = await _http.GetAsync("/health/live");
        using var rpc = await _http.GetAsync("/?Action=QueryEdgeDriver");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(health.Headers.Contains("Content-Security-Policy"));
        Assert.Equal(HttpStatusCode.BadRequest, rpc.StatusCode);
        Assert.False(rpc.Headers.Contains("Content-Security-Policy"));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(ConsoleHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
