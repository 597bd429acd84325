using System.Text;
using EdgeRegistry.Rpc;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// Issue 11, item 8: an unsigned request is refused on its size before its parameters are decoded — a query string
/// past <see cref="RequestLimits.MaxEncodedBytes"/> (414), more than <see cref="RequestLimits.MaxParameters"/>
/// parameters in the query or the form (400, counted on the raw text), a body past the limit (413) — each in
/// Alibaba's error shape and logged with its code. Legitimate large calls (LargeRequestTests) still pass.
/// </summary>
public sealed class RequestLimitTests(HardeningServerFixture fixture) : IClassFixture<HardeningServerFixture>
{
    private const string Form = "Content-Type: application/x-www-form-urlencoded";

    private Uri Server => fixture.Server.BaseUri;

    /// <summary>Short ones (<c>a&amp;a&amp;…</c>): 150,000 of them fit well inside the length limit.</summary>
    private static string ManyParameters(int count) => string.Join('&', Enumerable.Repeat("a", count));

    [Fact]
    public async Task A_query_past_the_limit_is_414_Request_UrlTooLong()
    {
        var target = "/?Format=JSON&DriverName=" + new string('a', RequestLimits.MaxEncodedBytes);
        using var raw = await RawHttp.StartAsync(Server, "GET", target);

        var response = await raw.ReadResponseAsync();

        Assert.Contains($"longer than {RequestLimits.MaxEncodedBytes} bytes", RpcAssert.GatewayError(response, 414, "Request.UrlTooLong"), StringComparison.Ordinal);
        await fixture.AssertLoggedAsync(response, "Request.UrlTooLong");
    }

    [Theory]
    [InlineData(RequestLimits.MaxParameters + 1)]
    [InlineData(150_000)]
    public async Task Too_many_query_parameters_are_400_InvalidParameter_TooMany(int count)
    {
        using var raw = await RawHttp.StartAsync(Server, "GET", "/?" + ManyParameters(count));

        var response = await raw.ReadResponseAsync();

        Assert.Contains($"more than {RequestLimits.MaxParameters} parameters", RpcAssert.GatewayError(response, 400, "InvalidParameter.TooMany"), StringComparison.Ordinal);
        await fixture.AssertLoggedAsync(response, "InvalidParameter.TooMany");
    }

    [Fact]
    public async Task Too_many_form_parameters_are_refused_without_reading_the_whole_body()
    {
        // The body promises far more than it sends: the answer must come from what arrived, not wait for the rest.
        var sent = Encoding.ASCII.GetBytes(ManyParameters(RequestLimits.MaxParameters + 10) + "&");
        using var raw = await RawHttp.StartAsync(Server, "POST", "/", Form, $"Content-Length: {sent.Length + 100_000}");
        await raw.SendAsync(sent);

        var response = await raw.ReadAnswerAsync();

        RpcAssert.GatewayError(response, 400, "InvalidParameter.TooMany");
    }

    [Fact]
    public async Task Query_and_form_parameters_count_together()
    {
        var half = RequestLimits.MaxParameters / 2 + 1;
        var body = Encoding.ASCII.GetBytes(ManyParameters(half));
        using var raw = await RawHttp.StartAsync(Server, "POST", "/?" + ManyParameters(half), Form, $"Content-Length: {body.Length}");
        await raw.SendAsync(body);

        var response = await raw.ReadResponseAsync();

        RpcAssert.GatewayError(response, 400, "InvalidParameter.TooMany");
    }

    [Fact]
    public async Task A_body_announced_past_the_limit_is_413_before_it_is_sent()
    {
        using var raw = await RawHttp.StartAsync(Server, "POST", "/", Form, $"Content-Length: {RequestLimits.MaxEncodedBytes + 1}");

        var response = await raw.ReadAnswerAsync();

        RpcAssert.GatewayError(response, 413, "Request.BodyTooLarge");
    }

    /// <summary>
    /// The largest legitimate call: all four JSON parameters at their 64 KiB limit, padded with a character every client
    /// percent-encodes (three bytes each), in a V3 query (where the Tea clients put them). It must fit the limits.
    /// </summary>
    [Fact]
    public async Task The_largest_legitimate_call_fits_the_limits()
    {
        var client = fixture.Client;
        var driverId = await client.CreateDriverAsync();
        var ossAddress = await client.UploadPackageAsync(driverId, "1.0");
        string Padded(string name) => VersionValidationTests.PaddedJson(name, 64 * 1024, ' ', name == "SourceConfig" ? ossAddress : null);

        var response = await client.V3Async("CreateEdgeDriverVersion",
        [
            new("DriverId", driverId), new("DriverVersion", "1.0"), new("EdgeVersion", "2.4.0"),
            new("Description", new string(' ', 256)), new("Argument", new string(' ', 1024)),
            new("SourceConfig", Padded("SourceConfig")), new("DriverConfig", Padded("DriverConfig")),
            new("ContainerConfig", Padded("ContainerConfig")), new("ConfigCheckRule", Padded("ConfigCheckRule")),
        ]);

        RpcAssert.Success(response);
    }

    [Fact]
    public async Task A_call_with_every_parameter_a_call_can_have_is_not_refused()
    {
        // 30 DriverIds (BatchGetEdgeDriver's most) and the common parameters: well inside the count.
        var id = await fixture.Client.CreateDriverAsync();
        var response = await fixture.Client.CallAsync("BatchGetEdgeDriver", [.. Enumerable.Range(1, 30).Select(i => ($"DriverIds.{i}", id))]);

        RpcAssert.Success(response);
    }
}
