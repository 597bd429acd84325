using System.Net;
using System.Net.Sockets;
using EdgeRegistry.Cli;

namespace EdgeRegistry.Tests.Cli;

/// <summary>What the server refuses, and a server that is not there: one line on stderr and a named exit code.</summary>
public sealed class AdminErrorTests : IAsyncLifetime
{
    private AdminStubServer _server = null!;

    public async Task InitializeAsync() => _server = await AdminStubServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(401, "Unauthorized", "The operator token is missing or wrong.", ExitCodes.Unauthorized)]
    [InlineData(404, "AccountNotFound", "The account 9999999999999999 does not exist.", ExitCodes.NotFound)]
    [InlineData(409, "UserExists", "The RAM user alice exists already.", ExitCodes.Conflict)]
    [InlineData(409, "PolicyAttached", "The policy readers is attached to alice.", ExitCodes.Conflict)]
    [InlineData(400, "InvalidArgument", "Statement[0].Effect must be Allow or Deny.", ExitCodes.BadUsage)]
    [InlineData(500, "InternalError", "Something broke.", ExitCodes.Failed)]
    public async Task An_error_answer_is_one_line_and_its_exit_code(int status, string code, string message, int exitCode)
    {
        _server.Next = new StubResponse(status, $$"""{"code":"{{code}}","message":"{{message}}"}""");

        var run = await AdminCli.AgainstAsync(_server, "users", "create", "9999999999999999", "alice");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal($"edgereg: {message} ({code}, HTTP {status})\n", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Json_output_keeps_errors_off_stdout()
    {
        _server.Next = new StubResponse(404, """{"code":"KeyNotFound","message":"No such key."}""");

        var run = await AdminCli.AgainstAsync(_server, "keys", "delete", "1", "LTAIx", "--output", "json");

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("No such key. (KeyNotFound, HTTP 404)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_without_the_API_body_still_says_what_happened()
    {
        _server.Next = new StubResponse(502, "<html>Bad Gateway</html>", "text/html");

        var run = await AdminCli.AgainstAsync(_server, "accounts", "list");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal("edgereg: 502 Bad Gateway (HTTP 502)\n", run.Error);
    }

    [Fact]
    public async Task A_404_with_no_body_is_not_found()
    {
        _server.Next = new StubResponse(404);

        var run = await AdminCli.AgainstAsync(_server, "accounts", "show", "1");

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Contains("404 Not Found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_of_the_wrong_shape_fails_with_a_message()
    {
        _server.Next = new StubResponse(200, """{"not":"a list"}""");

        var run = await AdminCli.AgainstAsync(_server, "accounts", "list");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.StartsWith($"edgereg: the server at {_server.Url.AbsoluteUri.TrimEnd('/')} answered in a shape", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_server_unreachable()
    {
        // A port held bound but never listening: connections to it are refused, and no one else can take it meanwhile.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var url = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}";

        var run = await AdminCli.RunAsync(["admin", "accounts", "list", "--server", url, "--token", "t"]);

        Assert.Equal(ExitCodes.ServerUnreachable, run.ExitCode);
        Assert.StartsWith($"edgereg: cannot reach the server at {url}: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out);
    }
}
