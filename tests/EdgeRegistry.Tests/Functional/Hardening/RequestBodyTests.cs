using System.Diagnostics;
using System.Text;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// A request body that cannot be read — too slow, cut short, badly framed, badly encoded — is the
/// caller's fault: a 4xx in Alibaba's error shape, in the Format asked for, with the real status in the request
/// log; never a 500, never an empty body. A client that goes away is logged as 499 and is no server error.
/// </summary>
public sealed class RequestBodyTests(HardeningServerFixture fixture) : IClassFixture<HardeningServerFixture>
{
    private const string Form = "Content-Type: application/x-www-form-urlencoded";

    private Uri Server => fixture.Server.BaseUri;

    [Theory]
    [InlineData("/", false)]
    [InlineData("/?Format=JSON", true)]
    public async Task A_body_slower_than_the_minimum_data_rate_is_408_RequestTimeout(string target, bool json)
    {
        using var raw = await RawHttp.StartAsync(Server, "POST", target, Form, "Content-Length: 1000");
        var clock = Stopwatch.StartNew();
        await raw.SendAsync("Action=QueryEdgeDriver&");

        var response = await raw.ReadResponseAsync();

        Assert.True(clock.Elapsed < HardeningServerFixture.BodyGracePeriod + TimeSpan.FromSeconds(5), $"Took {clock.Elapsed}");
        Assert.Contains("Send the request again", RpcAssert.GatewayError(response, 408, "RequestTimeout"), StringComparison.Ordinal);
        Assert.Equal(json, response.IsJson);
        await fixture.AssertLoggedAsync(response, "RequestTimeout");
    }

    [Theory]
    [InlineData("zz\r\nAction\r\n0\r\n\r\n")]
    [InlineData("6\r\nAction=QueryEdgeDriver\r\n0\r\n\r\n")]
    [InlineData("FFFFFFFFFFFFFFFFFFFF\r\nA\r\n")]
    public async Task A_badly_chunked_body_is_400_InvalidParameter(string chunked)
    {
        using var raw = await RawHttp.StartAsync(Server, "POST", "/", Form, "Transfer-Encoding: chunked");
        await raw.SendAsync(chunked);

        var response = await raw.ReadResponseAsync();

        RpcAssert.GatewayError(response, 400, "InvalidParameter");
        await fixture.AssertLoggedAsync(response, "InvalidParameter");
    }

    /// <summary>Bytes that are not UTF-8 and percent signs that encode nothing still make a request that is answered.</summary>
    [Theory]
    [InlineData("DriverName=%FF%FE")]
    [InlineData("DriverName=%ZZ%")]
    [InlineData("DriverName=%C3%28")]
    [InlineData("Driver%ZZName=x")]
    [InlineData("%FF=x")]
    [InlineData("=x&&=")]
    public async Task Badly_encoded_form_text_is_answered_in_shape(string form)
    {
        var body = Encoding.ASCII.GetBytes("Action=QueryEdgeDriver&" + form);
        var invalidUtf8 = Encoding.ASCII.GetBytes("&Description=").Concat(new byte[] { 0xFF, 0xC3, 0x28 }).ToArray();
        using var raw = await RawHttp.StartAsync(Server, "POST", "/", Form, $"Content-Length: {body.Length + invalidUtf8.Length}");
        await raw.SendAsync([.. body, .. invalidUtf8]);

        var response = await raw.ReadResponseAsync();

        Assert.InRange(response.StatusCode, 400, 499);
        RpcAssert.GatewayError(response, response.StatusCode, response.Code!);
        await fixture.AssertLoggedAsync(response, response.Code!);
    }

    /// <summary>
    /// Kestrel aborts a connection whose client stops sending (FIN) or resets it, so no answer reaches that client;
    /// the log has the request as the 400 the server answered (Kestrel reports a body that ended early) or, when the
    /// abort is seen first, as 499. Either way nothing is logged as a server error and the server carries on.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_that_goes_away_mid_body_is_no_server_error(bool reset)
    {
        var before = fixture.RequestLines.Lines.Count(IsGoneMidBody);
        using (var raw = await RawHttp.StartAsync(Server, "POST", "/", Form, "Content-Length: 1000"))
        {
            await raw.SendAsync("Action=QueryEdgeDriver&");
            await Task.Delay(200);
            if (reset)
            {
                raw.Reset();
            }
            else
            {
                raw.EndSending();
            }
        }

        for (var i = 0; i < 50 && fixture.RequestLines.Lines.Count(IsGoneMidBody) == before; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(fixture.RequestLines.Lines.Count(IsGoneMidBody) == before + 1, fixture.RequestLines.Text);
        Assert.DoesNotContain(fixture.Log.Entries, e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal));
        RpcAssert.Success(await fixture.Client.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "1"), ("Type", "1")));
    }

    /// <summary>Tests of one class run one at a time and each waits for its own log line, so a new one is this request's.</summary>
    private static bool IsGoneMidBody(string entry) =>
        CapturedRequestLines.Reports(entry, 499, "ClientClosedRequest") || CapturedRequestLines.Reports(entry, 400, "InvalidParameter");
}
