using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// README "Configuration": every RPC request is logged in one line carrying Action, HTTP status, Code, AccessKeyId,
/// duration and RequestId, in the console's text format and in <c>EDGEREG_LOG_FORMAT=json</c>; read from the real
/// process's stdout, for a success, a business error and a gateway error.
/// </summary>
public sealed partial class RequestLogTests
{
    private const string KeyId = "log-key-id";
    private const string Secret = "log-secret";

    private sealed record Expected(RpcResponse Response, string Action, int Status, string Code, string AccessKeyId);

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Each_request_line_carries_Action_status_Code_AccessKeyId_duration_and_RequestId(string format)
    {
        using var dir = new WorkDir();
        var environment = new Dictionary<string, string> { ["EDGEREG_ROOT_ACCESS_KEY_ID"] = KeyId, ["EDGEREG_ROOT_ACCESS_KEY_SECRET"] = Secret };
        if (format == "json")
        {
            environment["EDGEREG_LOG_FORMAT"] = "json";
        }

        await using var server = ServerProcess.Start(dir.Root, ["--in-memory", "--listen", "127.0.0.1:0"], environment);
        var (address, _) = await server.ListeningAsync();
        using var http = new HttpClient { BaseAddress = address };
        var client = new RpcTestClient(http, TimeProvider.System, KeyId, Secret);
        var wrongSecret = new RpcTestClient(http, TimeProvider.System, KeyId, "not-the-secret");

        Expected[] requests =
        [
            new(await client.QueryDriversAsync(), "QueryEdgeDriver", 200, "Success", KeyId),
            new(await client.QueryVersionsAsync("0123456789abcdef0123456789abcdef", 1, 10), "QueryEdgeDriverVersion", 200, "iot.edge.DriverNotExist", KeyId),
            new(await wrongSecret.QueryDriversAsync(), "QueryEdgeDriver", 400, "SignatureDoesNotMatch", KeyId),
        ];

        foreach (var expected in requests)
        {
            Assert.Equal(expected.Code, expected.Response.Code);
            var requestId = expected.Response.Field("RequestId")!;
            var line = Assert.Single(await server.LinesWithAsync(requestId));
            if (format == "json")
            {
                AssertJsonLine(line, expected, requestId);
            }
            else
            {
                AssertTextLine(line, expected, requestId);
            }
        }
    }

    private static void AssertTextLine(string line, Expected expected, string requestId)
    {
        var words = line.Split(' ');
        Assert.Contains(expected.Action, words);
        Assert.Contains(expected.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), words);
        Assert.Contains(expected.Code, words);
        Assert.Contains(expected.AccessKeyId, line, StringComparison.Ordinal);
        Assert.Contains(requestId, words);
        Assert.Matches(Duration(), line);
    }

    private static void AssertJsonLine(string line, Expected expected, string requestId)
    {
        var state = JsonDocument.Parse(line).RootElement.GetProperty("State");
        string Value(string name) => state.GetProperty(name) is { ValueKind: JsonValueKind.String } s ? s.GetString()! : state.GetProperty(name).GetRawText();

        Assert.Equal(expected.Action, Value("Action"));
        Assert.Equal(expected.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), Value("Status"));
        Assert.Equal(expected.Code, Value("Code"));
        Assert.Equal(expected.AccessKeyId, Value("AccessKeyId"));
        Assert.Equal(requestId, Value("RequestId"));
        var duration = state.EnumerateObject().Single(p => p.Name.Contains("Elapsed", StringComparison.Ordinal) || p.Name.Contains("Duration", StringComparison.Ordinal));
        Assert.True(double.Parse(duration.Value.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 0, line);
    }

    [GeneratedRegex(@"\b\d+(\.\d+)?\s?ms\b")]
    private static partial Regex Duration();
}
