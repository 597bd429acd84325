using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.User;

/// <summary><c>edgereg versions …</c> against a real server: every option reaches the API, and what it prints is what the API holds.</summary>
public sealed class VersionCommandTests(SystemClockServerFixture fixture) : IClassFixture<SystemClockServerFixture>, IDisposable
{
    private const string ContainerConfig = """{"privileged":0,"hostNetworkMode":0,"portMappings":[{"hostPort":5020,"containerPort":502,"protocol":"tcp"}],"x-new":"kept"}""";
    private const string DriverConfig = """[{"format":"KV","content":"{\"slave\":1}"}]""";
    private const string ConfigCheckRule = """{"deviceConfig":{"required":true},"driverConfig":{"required":false}}""";

    private readonly UserCliSession _cli = new(fixture.Server);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_sends_every_option_and_prints_the_version_as_the_API_answers_it()
    {
        var driverId = await fixture.Client.CreateDriverAsync();
        var driverConfigFile = _cli.WriteFile("driver-config.json", DriverConfig + "\n");
        var ruleFile = _cli.WriteFile("rule.json", ConfigCheckRule);

        var version = await _cli.JsonAsync("versions", "create", driverId, "1.0.0", "--edge-version", "2.4.0", "--description", "Modbus über TCP",
            "--argument=-XX:+PrintGCDetails", "--container-config", ContainerConfig, "--driver-config", "@" + driverConfigFile,
            "--config-check-rule", "@" + ruleFile);

        Assert.Equal(driverId, version.GetProperty("DriverId").GetString());
        Assert.Equal("1.0.0", version.GetProperty("DriverVersion").GetString());
        Assert.Equal("0", version.GetProperty("VersionState").GetString());
        Assert.Equal("2.4.0", version.GetProperty("EdgeVersion").GetString());
        Assert.Equal("Modbus über TCP", version.GetProperty("Description").GetString());
        Assert.Equal("", version.GetProperty("SourceConfig").GetString());
        Assert.Equal(DriverConfig, version.GetProperty("DriverConfig").GetString());
        Assert.Equal(ContainerConfig, version.GetProperty("ContainerConfig").GetString());
        Assert.Equal(ConfigCheckRule, version.GetProperty("ConfigCheckRule").GetString());
        Assert.Equal("-XX:+PrintGCDetails", version.GetProperty("Argument").GetString());
        Assert.True(version.GetProperty("GmtCreateTimestamp").GetInt64() > 0);

        var api = RpcAssert.Success(await fixture.Client.CallAsync("GetEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", "1.0.0")));
        DriverCommandTests.AssertSameFields(api.Root.GetProperty("Data"), version);
        var shown = await _cli.JsonAsync("versions", "show", driverId, "1.0.0");
        DriverCommandTests.AssertSameFields(api.Root.GetProperty("Data"), shown);
    }

    [Fact]
    public async Task Update_replaces_the_version_whole_so_what_is_left_out_is_cleared()
    {
        var driverId = await fixture.Client.CreateDriverAsync();
        await _cli.ExpectAsync(0, "versions", "create", driverId, "2.0", "--edge-version", "2.4.0", "--description", "old",
            "--argument", "-Xmx64m", "--container-config", ContainerConfig);

        var updated = await _cli.JsonAsync("versions", "update", driverId, "2.0", "--edge-version", "2.5", "--config-check-rule", ConfigCheckRule);

        Assert.Equal("2.5", updated.GetProperty("EdgeVersion").GetString());
        Assert.Equal(ConfigCheckRule, updated.GetProperty("ConfigCheckRule").GetString());
        foreach (var cleared in new[] { "Description", "Argument", "ContainerConfig", "DriverConfig", "SourceConfig" })
        {
            Assert.Equal("", updated.GetProperty(cleared).GetString());
        }
    }

    [Fact]
    public async Task List_filters_by_state_and_version_and_publish_makes_a_version_immutable()
    {
        var driverId = await fixture.Client.CreateDriverAsync();
        foreach (var v in new[] { "1.0", "1.1", "2.0" })
        {
            await fixture.Client.CreateVersionAsync(driverId, v);
        }

        var published = await _cli.ExpectAsync(0, "versions", "publish", driverId, "1.1");
        Assert.Equal($"Published version 1.1 of driver {driverId}.\n", published.Out);

        Assert.Equal(["2.0", "1.1", "1.0"], Versions(await _cli.JsonAsync("versions", "list", driverId)));
        Assert.Equal(["1.1"], Versions(await _cli.JsonAsync("versions", "list", driverId, "--state", "published")));
        Assert.Equal(["2.0", "1.0"], Versions(await _cli.JsonAsync("versions", "list", driverId, "--state", "unpublished")));
        Assert.Equal(["1.0"], Versions(await _cli.JsonAsync("versions", "list", driverId, "--version", "1.0")));
        Assert.Equal("1", (await _cli.JsonAsync("versions", "show", driverId, "1.1")).GetProperty("VersionState").GetString());
        var table = await _cli.ExpectAsync(0, "versions", "list", driverId);
        Assert.Contains("published", table.Out, StringComparison.Ordinal);
        Assert.Contains("unpublished", table.Out, StringComparison.Ordinal);

        await _cli.ExpectAsync(4, "versions", "delete", driverId, "1.1");
        await _cli.ExpectAsync(4, "versions", "update", driverId, "1.1", "--edge-version", "2.4.0");
        await _cli.ExpectAsync(4, "drivers", "delete", driverId);
        var deleted = await _cli.ExpectAsync(0, "versions", "delete", driverId, "1.0");
        Assert.Equal($"Deleted version 1.0 of driver {driverId}.\n", deleted.Out);
        Assert.Equal(["2.0", "1.1"], Versions(await _cli.JsonAsync("versions", "list", driverId)));
    }

    [Fact]
    public async Task A_JSON_value_from_a_file_that_cannot_be_read_is_wrong_usage_before_any_call()
    {
        var driverId = await fixture.Client.CreateDriverAsync();

        var run = await _cli.ExpectAsync(2, "versions", "create", driverId, "1.0", "--edge-version", "2.4.0",
            "--container-config", "@" + Path.Combine(_cli.Home, "missing.json"));

        Assert.StartsWith("edgereg: cannot read --container-config from ", run.Error, StringComparison.Ordinal);
        await _cli.ExpectAsync(3, "versions", "show", driverId, "1.0");
    }

    private static List<string> Versions(JsonElement list) => [.. list.EnumerateArray().Select(v => v.GetProperty("DriverVersion").GetString()!)];
}
