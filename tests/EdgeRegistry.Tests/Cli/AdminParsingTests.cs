using System.CommandLine;
using EdgeRegistry.Cli;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Tests.Cli;

/// <summary>The command tree, its help, and wrong usage: exit code 2, a message on stderr, and no request sent.</summary>
public sealed class AdminParsingTests : IAsyncLifetime
{
    private AdminStubServer _server = null!;

    public async Task InitializeAsync() => _server = await AdminStubServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var item in Walk(sub, $"{path} {sub.Name}"))
            {
                yield return item;
            }
        }
    }

    private static List<(string Path, Command Command)> AdminTree()
    {
        var root = EdgeRegCommand.Create(AdminEnvironment.FromProcess());
        return [.. Walk(root.Subcommands.Single(c => c.Name == "admin"), "admin")];
    }

    [Fact]
    public void The_tree_has_one_command_per_API_call()
    {
        var leaves = AdminTree().Where(c => c.Command.Subcommands.Count == 0).Select(c => c.Path).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "admin accounts create", "admin accounts list", "admin accounts show",
                "admin import",
                "admin instances create", "admin instances delete", "admin instances list",
                "admin keys create", "admin keys delete", "admin keys disable", "admin keys enable", "admin keys list",
                "admin policies attach", "admin policies delete", "admin policies detach", "admin policies list", "admin policies put",
                "admin quotas list", "admin quotas reset", "admin quotas set",
                "admin storage set", "admin storage show",
                "admin users create", "admin users delete", "admin users list",
            ],
            leaves);
        // import talks to two servers (the source's RPC API and this admin API), so it is a ServerCallingCommand of its own.
        Assert.All(AdminTree(), c => Assert.True(c.Command is AdminGroupCommand or AdminLeafCommand or EdgeRegistry.Cli.Admin.Import.ImportCommand, c.Path));
        Assert.All(AdminTree(), c => Assert.True(c.Command.GetType().IsSealed, c.Path));
    }

    public static TheoryData<string> CommandPaths => [.. AdminTree().Select(c => c.Path)];

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Every_command_has_help(string path)
    {
        var run = await AdminCli.RunAsync([.. path.Split(' '), "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($" {path}", run.Out, StringComparison.Ordinal);
        Assert.Contains("--server <URL>", run.Out, StringComparison.Ordinal);
        Assert.Contains("--output <json|table>", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_help_documents_the_exit_codes()
    {
        var run = await AdminCli.RunAsync(["admin", "--help"]);

        Assert.Contains("Exit codes:", run.Out, StringComparison.Ordinal);
        foreach (var code in new[] { ExitCodes.Ok, ExitCodes.Failed, ExitCodes.BadUsage, ExitCodes.NotFound, ExitCodes.Conflict, ExitCodes.Unauthorized, ExitCodes.ServerUnreachable })
        {
            Assert.Contains($"\n    {code}  ", run.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("needs a command: accounts, keys, users, policies, instances, quotas")]
    [InlineData("needs a command: list, create, disable, enable, delete", "keys")]
    [InlineData("Unrecognized command or argument 'bogus'", "bogus")]
    [InlineData("Unrecognized command or argument 'bogus'", "quotas", "bogus")]
    [InlineData("Required argument missing for command: 'show'", "accounts", "show")]
    [InlineData("Required argument missing for command: 'create'", "accounts", "create")]
    [InlineData("Unrecognized command or argument 'extra'", "accounts", "list", "extra")]
    [InlineData("--user and --root cannot be used together", "keys", "list", "1", "--user", "alice", "--root")]
    [InlineData("--user needs a RAM user's name", "keys", "list", "1", "--user", "")]
    [InlineData("--user needs a RAM user's name", "keys", "create", "1", "--user", "")]
    [InlineData("Required argument missing for command: 'disable'", "keys", "disable", "1")]
    [InlineData("Unrecognized command or argument '--bogus'", "keys", "enable", "1", "k", "--bogus")]
    [InlineData("Required argument missing for command: 'create'", "users", "create", "1")]
    [InlineData("Required argument missing for command: 'delete'", "users", "delete", "1")]
    [InlineData("give the policy document with --file FILE", "policies", "put", "1", "p")]
    [InlineData("--file and --document cannot be used together", "policies", "put", "1", "p", "--file", "x", "--document", "{}")]
    [InlineData("Required argument missing for command: 'attach'", "policies", "attach", "1", "alice")]
    [InlineData("Unrecognized command or argument 'three'", "instances", "create", "1", "iot-abcd", "three")]
    [InlineData("LIMIT must be a number of calls per second from 0 to 1000000 or 'unlimited', not 'lots'", "quotas", "set", "1", "*", "lots")]
    [InlineData("not '1000001'", "quotas", "set", "1", "*", "1000001")]
    [InlineData("not '1.5'", "quotas", "set", "1", "*", "1.5")]
    [InlineData("not '+5'", "quotas", "set", "1", "*", "+5")]
    [InlineData("Required argument missing for command: 'set'", "quotas", "set", "1", "*")]
    [InlineData("Required argument missing for command: 'reset'", "quotas", "reset", "1")]
    [InlineData("Argument 'xml' not recognized. Must be one of: 'table' 'json'", "accounts", "list", "--output", "xml")]
    public async Task Wrong_usage_is_exit_code_2_with_a_message(string message, params string[] args)
    {
        var run = await AdminCli.RunAsync(["admin", "--server", _server.Url.ToString(), "--token", "t", .. args]);

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.StartsWith("edgereg: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.EndsWith("--help' for usage.\n", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_negative_limit_is_wrong_usage()
    {
        // "-1" reads like an option; either way it is not a limit.
        var run = await AdminCli.RunAsync(["admin", "quotas", "set", "1", "*", "-1", "--server", _server.Url.ToString(), "--token", "t"]);

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("not a url")]
    [InlineData("127.0.0.1:8080")]
    public async Task A_server_that_is_not_an_http_URL_is_wrong_usage(string server)
    {
        var run = await AdminCli.RunAsync(["admin", "accounts", "list", "--server", server, "--token", "t"]);

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.Contains("--server must be an http:// or https:// URL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_file_that_cannot_be_read_is_wrong_usage()
    {
        var run = await AdminCli.RunAsync(
            ["admin", "policies", "put", "1", "p", "--file", "/nonexistent/policy.json", "--server", _server.Url.ToString(), "--token", "t"]);

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.StartsWith("edgereg: cannot read the policy document: ", run.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
