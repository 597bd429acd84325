using System.Text.Json;
using EdgeRegistry.Tests.Cli;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>
/// <c>edgereg admin …</c> against a real server, as an operator would use it: every change made through the CLI
/// is then seen where it matters, in signed RPC calls.
/// </summary>
public sealed class AdminCliEndToEndTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task An_operator_sets_up_a_read_only_RAM_user_and_the_RPC_API_enforces_it()
    {
        var account = Json(await Admin(0, "accounts", "create", "team-cli", "--output", "json"));
        var accountId = account.GetProperty("accountId").GetString()!;

        await Admin(0, "users", "create", accountId, "reader");
        await Admin(0, "policies", "put", accountId, "ReadOnly", "--document",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":["iot:Query*"],"Resource":["*"]}]}""");
        await Admin(0, "policies", "attach", accountId, "reader", "ReadOnly");
        var key = Json(await Admin(0, "keys", "create", accountId, "--user", "reader", "--output", "json"));
        var reader = fixture.Server.ClientFor(key.GetProperty("accessKeyId").GetString()!, key.GetProperty("accessKeySecret").GetString()!);

        Assert.Equal("Success", (await reader.QueryDriversAsync()).Code);
        Assert.Equal("Forbidden.RAM", (await reader.CallAsync("CreateEdgeDriver", ("DriverName", "x1"), ("DriverProtocol", "modbus"), ("Runtime", "c"))).Code);

        var users = await Admin(0, "users", "list", accountId);
        Assert.Contains("reader", users.Out, StringComparison.Ordinal);
        Assert.Contains("ReadOnly", users.Out, StringComparison.Ordinal);
        await Admin(4, "policies", "delete", accountId, "ReadOnly");

        await Admin(0, "keys", "disable", accountId, key.GetProperty("accessKeyId").GetString()!);
        Assert.Equal("InvalidAccessKeyId.Inactive", (await reader.QueryDriversAsync()).Code);
        var keys = await Admin(0, "keys", "list", accountId, "--output", "json");
        Assert.DoesNotContain(key.GetProperty("accessKeySecret").GetString()!, keys.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_and_quota_overrides_made_through_the_CLI_are_listed_and_used()
    {
        var account = Json(await Admin(0, "accounts", "create", "team-cli-2", "--output", "json"));
        var accountId = account.GetProperty("accountId").GetString()!;
        var root = fixture.Server.ClientFor(account.GetProperty("accessKeyId").GetString()!, account.GetProperty("accessKeySecret").GetString()!);

        await Admin(0, "instances", "create", accountId, "iot-cli00001");
        Assert.Contains("iot-cli00001", (await Admin(0, "instances", "list", accountId, "--output", "json")).Out, StringComparison.Ordinal);
        var created = await root.CallAsync("CreateEdgeDriver", ("DriverName", "inst"), ("DriverProtocol", "modbus"), ("Runtime", "c"), ("IotInstanceId", "iot-cli00001"));
        Assert.Equal("Success", created.Code);
        Assert.Equal("iot.system.InstanceNotFound",
            (await root.QueryDriversAsync(10, ("IotInstanceId", "iot-nosuch01"))).Code);

        await Admin(0, "quotas", "set", accountId, "QueryEdgeDriver", "unlimited");
        await Admin(0, "quotas", "set", accountId, "*", "3");
        var quotas = JsonDocument.Parse((await Admin(0, "quotas", "list", accountId, "--output", "json")).Out).RootElement;
        Assert.Contains(quotas.EnumerateArray(), q => q.GetProperty("action").GetString() == "QueryEdgeDriver" && q.GetProperty("limitPerSecond").ValueKind == JsonValueKind.Null);
        Assert.Contains(quotas.EnumerateArray(), q => q.GetProperty("action").GetString() == "*" && q.GetProperty("limitPerSecond").GetInt32() == 3);
        await Admin(0, "quotas", "reset", accountId, "*");
        Assert.DoesNotContain("\"*\"", (await Admin(0, "quotas", "list", accountId, "--output", "json")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_remaining_commands_list_show_enable_detach_and_delete_for_real()
    {
        var account = Json(await Admin(0, "accounts", "create", "team-cli-3", "--output", "json"));
        var accountId = account.GetProperty("accountId").GetString()!;
        Assert.Contains(accountId, (await Admin(0, "accounts", "list", "--output", "json")).Out, StringComparison.Ordinal);
        Assert.Equal("team-cli-3", Json(await Admin(0, "accounts", "show", accountId, "--output", "json")).GetProperty("name").GetString());

        await Admin(0, "users", "create", accountId, "ops");
        await Admin(0, "policies", "put", accountId, "All", "--document", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"iot:*","Resource":"*"}]}""");
        Assert.Contains("All", (await Admin(0, "policies", "list", accountId)).Out, StringComparison.Ordinal);
        await Admin(0, "policies", "attach", accountId, "ops", "All");
        var key = Json(await Admin(0, "keys", "create", accountId, "--user", "ops", "--output", "json"));
        var keyId = key.GetProperty("accessKeyId").GetString()!;
        var ops = fixture.Server.ClientFor(keyId, key.GetProperty("accessKeySecret").GetString()!);

        await Admin(0, "keys", "disable", accountId, keyId);
        await Admin(0, "keys", "enable", accountId, keyId);
        Assert.Equal("Success", (await ops.QueryDriversAsync()).Code);
        await Admin(0, "policies", "detach", accountId, "ops", "All");
        Assert.Equal("Forbidden.RAM", (await ops.QueryDriversAsync()).Code);
        await Admin(0, "policies", "delete", accountId, "All");
        await Admin(0, "keys", "delete", accountId, keyId);
        Assert.Equal("InvalidAccessKeyId.NotFound", (await ops.QueryDriversAsync()).Code);
        await Admin(0, "users", "delete", accountId, "ops");
        Assert.DoesNotContain("ops", (await Admin(0, "users", "list", accountId, "--output", "json")).Out, StringComparison.Ordinal);

        var instance = Json(await Admin(0, "instances", "create", accountId, "--output", "json")).GetProperty("instanceId").GetString()!;
        await Admin(0, "instances", "delete", accountId, instance);
        await Admin(3, "instances", "delete", accountId, instance);
    }

    [Fact]
    public async Task A_wrong_token_exits_5_and_an_unknown_account_exits_3()
    {
        var wrong = await AdminCli.RunAsync(["admin", "--server", fixture.Server.BaseUri.ToString(), "--token", "not-the-token", "accounts", "list"]);
        Assert.Equal(5, wrong.ExitCode);
        await Admin(3, "users", "list", "1234567890123456");
    }

    private async Task<CliRun> Admin(int expectedExitCode, params string[] args)
    {
        var run = await AdminCli.RunAsync(["admin", "--server", fixture.Server.BaseUri.ToString(), "--token", TestServer.AdminToken, .. args]);
        Assert.True(run.ExitCode == expectedExitCode, $"edgereg admin {string.Join(' ', args)} exited {run.ExitCode}:\n{run.Out}\n{run.Error}");
        return run;
    }

    private static JsonElement Json(CliRun run) => JsonDocument.Parse(run.Out).RootElement.Clone();
}
