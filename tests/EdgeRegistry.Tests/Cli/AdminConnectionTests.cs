using EdgeRegistry.Cli;

namespace EdgeRegistry.Tests.Cli;

/// <summary>Where the server and the operator token come from: options, then environment, then the data folder.</summary>
public sealed class AdminConnectionTests : IAsyncLifetime
{
    private AdminStubServer _server = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "edgereg-cli-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        _server = await AdminStubServer.StartAsync();
        _server.Next = new StubResponse(200, "[]");
        Directory.CreateDirectory(_dataDir);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    private Task<CliRun> ListAsync(string[] options, Dictionary<string, string>? variables = null) =>
        AdminCli.RunAsync(["admin", "accounts", "list", .. options], variables: variables);

    [Fact]
    public async Task The_token_option_wins_over_the_environment()
    {
        var run = await ListAsync(["--server", _server.Url.ToString(), "--token", "from-option"], new() { ["EDGEREG_ADMIN_TOKEN"] = "from-env" });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Bearer from-option", _server.Single().Authorization);
    }

    [Fact]
    public async Task The_environment_token_wins_over_the_data_folder()
    {
        await File.WriteAllTextAsync(Path.Combine(_dataDir, "admin-token"), "from-file");

        await ListAsync(["--server", _server.Url.ToString(), "--data-dir", _dataDir], new() { ["EDGEREG_ADMIN_TOKEN"] = "from-env" });

        Assert.Equal("Bearer from-env", _server.Single().Authorization);
    }

    [Fact]
    public async Task The_token_is_read_from_the_data_folder_the_server_saved_it_in()
    {
        await File.WriteAllTextAsync(Path.Combine(_dataDir, "admin-token"), "from-file\n");

        var run = await ListAsync(["--server", _server.Url.ToString(), "--data-dir", _dataDir]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Bearer from-file", _server.Single().Authorization);
    }

    [Fact]
    public async Task The_data_folder_can_come_from_EDGEREG_DATA_DIR()
    {
        await File.WriteAllTextAsync(Path.Combine(_dataDir, "admin-token"), "from-file");

        await ListAsync(["--server", _server.Url.ToString()], new() { ["EDGEREG_DATA_DIR"] = _dataDir });

        Assert.Equal("Bearer from-file", _server.Single().Authorization);
    }

    [Fact]
    public async Task No_token_anywhere_is_unauthorized_before_any_request()
    {
        var run = await ListAsync(["--server", _server.Url.ToString(), "--data-dir", _dataDir]);

        Assert.Equal(ExitCodes.Unauthorized, run.ExitCode);
        Assert.StartsWith("edgereg: no operator token: pass --token, set EDGEREG_ADMIN_TOKEN", run.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dataDir, "admin-token"), run.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task The_server_can_come_from_EDGEREG_SERVER()
    {
        var run = await ListAsync(["--token", "t"], new() { ["EDGEREG_SERVER"] = _server.Url.ToString() });

        Assert.Equal(0, run.ExitCode);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("/edge")]
    [InlineData("/edge/")]
    public async Task A_server_URL_with_a_path_keeps_it(string prefix)
    {
        await ListAsync(["--server", _server.Url.AbsoluteUri.TrimEnd('/') + prefix, "--token", "t"]);

        Assert.Equal("/edge/admin/accounts", _server.Single().Target);
    }

    [Fact]
    public async Task Global_options_may_come_before_the_command()
    {
        var run = await AdminCli.RunAsync(["admin", "--server", _server.Url.ToString(), "--token", "t", "--output", "json", "accounts", "list"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[]\n", run.Out);
    }
}
