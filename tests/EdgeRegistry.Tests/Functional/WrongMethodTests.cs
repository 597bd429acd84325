using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// README "Unknown paths": a served path asked with a method it does not take is 405 in the shape of whoever serves
/// that path (it was routing's empty 405), and keeps routing's <c>Allow</c> header.
/// </summary>
public sealed class WrongMethodTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("PUT", "/", "GET, POST")]
    [InlineData("DELETE", "/", "GET, POST")]
    [InlineData("POST", "/health/live", "GET")]
    [InlineData("PATCH", "/docs/errors", "GET")]
    public async Task A_wrong_method_on_a_served_path_is_405_UnsupportedHTTPMethod_in_Alibaba_shape(string method, string path, string allow)
    {
        var response = await fixture.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.True(response.IsJson, response.ToString());
        var message = RpcAssert.GatewayError(response, 405, "UnsupportedHTTPMethod");
        Assert.Contains($"{method} {path}", message, StringComparison.Ordinal);
        Assert.Contains(allow, message, StringComparison.Ordinal);
        Assert.Equal(allow, response.Headers.GetValueOrDefault("allow"));
        Assert.Equal(response.Field("RequestId"), response.RequestIdHeader);
    }

    [Fact]
    public async Task HEAD_on_the_API_path_is_405_with_Allow_and_no_body()
    {
        using var response = await fixture.Client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task A_wrong_method_on_an_object_URL_is_405_MethodNotAllowed_in_OSS_shape(string method)
    {
        var response = await fixture.Client.SendObjectAsync(new HttpRequestMessage(new HttpMethod(method), "/oss/driver/x/1.0/driver.zip"));

        OssAssert.Error(response, 405, "MethodNotAllowed", "not allowed");
        Assert.Equal(["GET", "HEAD", "PUT"], response.Header("allow")!.Split(", ").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_wrong_method_on_an_admin_route_keeps_the_admin_API_error_shape()
    {
        var admin = new AdminClient(fixture.Client.Http);

        var response = await admin.SendAsync(HttpMethod.Patch, "/admin/accounts");

        AdminClient.Expect(response, 404, "NotFound");
    }
}
