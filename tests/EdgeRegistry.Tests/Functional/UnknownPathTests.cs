using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// README "Errors": a path the server does not serve answers 404 <c>InvalidPath.NotFound</c> in Alibaba's JSON error
/// shape (it was an empty 404), while every path it does serve keeps its own answer.
/// </summary>
public sealed class UnknownPathTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Http => fixture.Client.Http;

    [Theory]
    [InlineData("GET", "/nope")]
    [InlineData("POST", "/api/v1/drivers")]
    [InlineData("GET", "/favicon.ico")]
    [InlineData("GET", "/console/no-such-file.js")]
    [InlineData("DELETE", "/docs")]
    public async Task An_unknown_path_is_404_InvalidPath_NotFound_in_Alibaba_shape(string method, string path)
    {
        var response = await fixture.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.True(response.IsJson, response.ToString());
        var message = RpcAssert.GatewayError(response, 404, "InvalidPath.NotFound");
        Assert.Contains(path, message, StringComparison.Ordinal);
        Assert.Equal(response.Field("RequestId"), response.RequestIdHeader);
    }

    [Theory]
    [InlineData("/health/live", 200, "text/plain")]
    [InlineData("/health/ready", 200, "text/plain")]
    [InlineData("/docs/errors", 200, "text/html")]
    [InlineData("/console/", 200, "text/html")]
    [InlineData("/admin/accounts", 401, "application/json")]
    [InlineData("/oss/driver/x/1.0/driver.zip", 403, "application/xml")]
    public async Task Served_paths_keep_their_own_answers(string path, int status, string contentType)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith(contentType, response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("\"Code\":\"InvalidPath.NotFound\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
