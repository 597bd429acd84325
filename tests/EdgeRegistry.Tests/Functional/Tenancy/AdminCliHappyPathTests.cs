using System.Text.Json;
using EdgeRegistry.Tests.Cli;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>
/// The <c>edgereg admin</c> paths <see cref="AdminCliEndToEndTests"/> leaves out, against a real server: root keys made
/// by the CLI, key listings filtered by root or user, policy documents from a file and from standard input, the token
/// and server found in the environment or the data dir, and the table output people read.
/// </summary>
public sealed class AdminCliHappyPathTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private string Server => fixture.Server.BaseUri.ToString();

    [Fact]
    public async Task A_root_key_made_by_the_CLI_acts_as_the_root_and_keys_list_filters_root_from_user_keys()
    {
        var accountId = await NewAccountAsync();
        var root = Json(await Admin("keys", "create", accountId, "--output", "json"));
        var rootClient = fixture.Server.ClientFor(root.GetProperty("accessKeyId").GetString()!, root.GetProperty("accessKeySecret").GetString()!);
        await rootClient.CreateDriverAsync(); // a root key needs no policy
        await Admin("users", "create", accountId, "ops");
        var user = Json(await Admin("keys", "create", accountId, "--user", "ops", "--output", "json")).GetProperty("accessKeyId").GetString()!;

        var rootKeys = Ids(await Admin("keys", "list", accountId, "--root", "--output", "json"));
        var userKeys = Ids(await Admin("keys", "list", accountId, "--user", "ops", "--output", "json"));
        var table = (await Admin("keys", "list", accountId)).Out;

        Assert.Contains(root.GetProperty("accessKeyId").GetString(), rootKeys);
        Assert.Equal(2, rootKeys.Count); // the account's first key and this one
        Assert.Equal([user], userKeys);
        Assert.All([.. rootKeys, user], id => Assert.Contains(id, table, StringComparison.Ordinal));
        Assert.Contains("(root)", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policies_put_reads_the_document_from_a_file_and_from_standard_input()
    {
        var accountId = await NewAccountAsync();
        await Admin("users", "create", accountId, "reader");
        var file = Path.Combine(Path.GetTempPath(), $"edgereg-policy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, AdminClient.Policy("Allow", "iot:Query*"));
        try
        {
            await Admin("policies", "put", accountId, "FromFile", "--file", file);
        }
        finally
        {
            File.Delete(file);
        }

        await Admin("policies", "attach", accountId, "reader", "FromFile");
        var key = Json(await Admin("keys", "create", accountId, "--user", "reader", "--output", "json"));
        var reader = fixture.Server.ClientFor(key.GetProperty("accessKeyId").GetString()!, key.GetProperty("accessKeySecret").GetString()!);
        RpcAssert.Success(await reader.QueryDriversAsync());

        var fromStdin = await AdminCli.RunAsync(["admin", "--server", Server, "--token", TestServer.AdminToken,
            "policies", "put", accountId, "FromStdin", "--file", "-"], stdin: AdminClient.Policy("Deny", "iot:QueryEdgeDriver"));
        Assert.True(fromStdin.ExitCode == 0, fromStdin.Error);
        await Admin("policies", "attach", accountId, "reader", "FromStdin");
        Assert.Equal("Forbidden.RAM", (await reader.QueryDriversAsync()).Code);
    }

    [Fact]
    public async Task The_server_and_token_come_from_the_environment_or_the_token_file_in_the_data_dir()
    {
        var fromEnvironment = await AdminCli.RunAsync(["admin", "accounts", "list", "--output", "json"],
            variables: new Dictionary<string, string> { ["EDGEREG_SERVER"] = Server, ["EDGEREG_ADMIN_TOKEN"] = TestServer.AdminToken });
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.Error);
        Assert.Contains(JsonDocument.Parse(fromEnvironment.Out).RootElement.EnumerateArray(), a => a.GetProperty("isDefault").GetBoolean());

        var dataDir = Directory.CreateTempSubdirectory("edgereg-cli-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dataDir, "admin-token"), TestServer.AdminToken + "\n");
            var byOption = await AdminCli.RunAsync(["admin", "--server", Server, "--data-dir", dataDir, "accounts", "list"]);
            var byVariable = await AdminCli.RunAsync(["admin", "--server", Server, "accounts", "list"],
                variables: new Dictionary<string, string> { ["EDGEREG_DATA_DIR"] = dataDir });
            Assert.All([byOption, byVariable], run => Assert.True(run.ExitCode == 0, run.Error));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Accounts_create_list_and_show_print_tables_with_the_secret_shown_once()
    {
        var name = AdminClient.UniqueName("table");
        var created = await Admin("accounts", "create", name);
        var accountId = (await fixture.Server.Admin().GetAsync("/admin/accounts")).Json.EnumerateArray()
            .Single(a => a.GetProperty("name").GetString() == name).GetProperty("accountId").GetString()!;

        Assert.Contains(accountId, created.Out, StringComparison.Ordinal);
        Assert.Contains("AccessKeySecret", created.Out, StringComparison.Ordinal);
        Assert.Contains("it will not be shown again", created.Out + created.Error, StringComparison.Ordinal);
        Assert.Contains(name, (await Admin("accounts", "list")).Out, StringComparison.Ordinal);
        var shown = (await Admin("accounts", "show", accountId)).Out;
        Assert.Contains(name, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("AccessKeySecret", shown, StringComparison.Ordinal);
    }

    private async Task<string> NewAccountAsync() =>
        Json(await Admin("accounts", "create", AdminClient.UniqueName("cli"), "--output", "json")).GetProperty("accountId").GetString()!;

    private async Task<CliRun> Admin(params string[] args)
    {
        var run = await AdminCli.RunAsync(["admin", "--server", Server, "--token", TestServer.AdminToken, .. args]);
        Assert.True(run.ExitCode == 0, $"edgereg admin {string.Join(' ', args)} exited {run.ExitCode}:\n{run.Out}\n{run.Error}");
        return run;
    }

    private static JsonElement Json(CliRun run) => JsonDocument.Parse(run.Out).RootElement.Clone();

    private static List<string> Ids(CliRun run) => [.. Json(run).EnumerateArray().Select(k => k.GetProperty("accessKeyId").GetString()!)];
}
