using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// README "Logs": JSON lines carry an ISO 8601 UTC timestamp and stdout stays pure JSON (the once-only start-up notice
/// with a generated key pair goes to stderr); admin API and object endpoint requests get a request line like RPC calls
/// (method, path without the query, status, duration, request id), refusals included, with no token or signature.
/// </summary>
public sealed partial class OperationalLogTests
{
    private const string AdminToken = "operational-log-test-token";

    [Fact]
    public async Task In_json_mode_every_stdout_line_is_a_JSON_object_with_a_UTC_timestamp_and_the_banner_goes_to_stderr()
    {
        using var dir = new WorkDir();
        await using var server = ServerProcess.Start(dir.Root, ["--listen", "127.0.0.1:0", "--data-dir", dir["data"]],
            new Dictionary<string, string> { ["EDGEREG_LOG_FORMAT"] = "json" });
        await server.ListeningAsync();

        Assert.Contains("AccessKeySecret", server.Output, StringComparison.Ordinal); // printed: a first start
        Assert.NotEmpty(server.StdoutLines);
        Assert.All(server.StdoutLines, line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.Matches(IsoUtc(), json.RootElement.GetProperty("Timestamp").GetString());
        });
    }

    [Fact]
    public async Task Admin_and_object_requests_are_logged_refusals_included_without_token_or_signature()
    {
        using var dir = new WorkDir();
        await using var server = ServerProcess.Start(dir.Root, ["--in-memory", "--listen", "127.0.0.1:0"],
            new Dictionary<string, string> { ["EDGEREG_ADMIN_TOKEN"] = AdminToken });
        var (address, _) = await server.ListeningAsync();
        using var http = new HttpClient { BaseAddress = address };

        using var refused = await http.GetAsync("/admin/accounts");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/accounts") { Headers = { { "Authorization", "Bearer " + AdminToken } } };
        using var allowed = await http.SendAsync(request);
        using var expired = await http.GetAsync("/oss/driver/abc/1.0/driver.zip?Expires=1&OSSAccessKeyId=k&Signature=SECRETSIGNATURE");

        Assert.Equal(401, (int)refused.StatusCode);
        Assert.Equal(200, (int)allowed.StatusCode);
        Assert.Equal(403, (int)expired.StatusCode);
        await AssertLineAsync(server, "GET /admin/accounts 401", refused.Headers.GetValues("x-request-id").Single());
        await AssertLineAsync(server, "GET /admin/accounts 200", allowed.Headers.GetValues("x-request-id").Single());
        var ossId = expired.Headers.GetValues("x-oss-request-id").Single();
        await AssertLineAsync(server, "GET /oss/driver/abc/1.0/driver.zip 403", ossId);
        Assert.Contains($"<RequestId>{ossId}</RequestId>", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSIGNATURE", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminToken, server.Output, StringComparison.Ordinal);
    }

    private static async Task AssertLineAsync(ServerProcess server, string start, string requestId)
    {
        var line = Assert.Single(await server.LinesWithAsync(requestId));
        Assert.Contains(start + " ", line, StringComparison.Ordinal);
        Assert.Matches(@" \d+\.\dms ", line);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoUtc();
}
