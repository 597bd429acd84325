using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.User;

/// <summary><c>edgereg drivers …</c> against a real server: what it prints is what the API holds, field by field.</summary>
public sealed class DriverCommandTests(SystemClockServerFixture fixture) : IClassFixture<SystemClockServerFixture>, IDisposable
{
    private readonly UserCliSession _cli = new(fixture.Server);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_prints_the_driver_as_the_API_answers_it_field_by_field()
    {
        var name = DriverCalls.UniqueName("cli");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var driver = await _cli.JsonAsync("drivers", "create", name, "--protocol", "OPC-UA", "--runtime", "java8", "--cpu-arch", "aarch64", "--built-in");

        var id = driver.GetProperty("DriverId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(name, driver.GetProperty("DriverName").GetString());
        Assert.Equal("opc-ua", driver.GetProperty("DriverProtocol").GetString());
        Assert.Equal("java8", driver.GetProperty("Runtime").GetString());
        Assert.Equal("AArch64", driver.GetProperty("CpuArch").GetString());
        Assert.True(driver.GetProperty("IsBuiltIn").GetBoolean());
        Assert.Equal(1, driver.GetProperty("Type").GetInt32());
        var created = driver.GetProperty("GmtCreateTimestamp").GetInt64();
        Assert.InRange(created, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(created, driver.GetProperty("GmtModifiedTimestamp").GetInt64());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(created).ToString("yyyy-MM-dd HH:mm:ss", null), driver.GetProperty("GmtCreate").GetString());

        var api = await fixture.Client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id));
        AssertSameFields(Assert.Single(RpcAssert.Success(api).Root.GetProperty("DriverList").EnumerateArray()), driver);
    }

    [Fact]
    public async Task Show_list_and_delete_find_the_driver_and_then_do_not()
    {
        var name = DriverCalls.UniqueName("show");
        var id = await fixture.Client.CreateDriverAsync(name, "modbus", "c");

        var shown = await _cli.JsonAsync("drivers", "show", id);
        Assert.Equal(name, shown.GetProperty("DriverName").GetString());
        Assert.Equal("", shown.GetProperty("CpuArch").GetString());
        var listed = await _cli.JsonAsync("drivers", "list", "--name", name.ToUpperInvariant());
        var item = Assert.Single(listed.EnumerateArray());
        Assert.Equal(id, item.GetProperty("DriverId").GetString());
        Assert.False(item.GetProperty("IsApply").GetBoolean());
        var table = await _cli.ExpectAsync(0, "drivers", "list", "--name", name);
        Assert.Contains(name, table.Out, StringComparison.Ordinal);
        Assert.Contains("modbus", table.Out, StringComparison.Ordinal);

        var deleted = await _cli.ExpectAsync(0, "drivers", "delete", id);
        Assert.Equal($"Deleted driver {id}.\n", deleted.Out);
        var gone = await _cli.ExpectAsync(3, "drivers", "show", id);
        Assert.Equal($"edgereg: no driver {id} in this account and instance.\n", gone.Error);
        Assert.Equal("[]", (await _cli.JsonAsync("drivers", "list", "--name", name)).GetRawText());
    }

    [Fact]
    public async Task A_delete_asked_for_JSON_prints_nothing_and_says_it_worked_by_its_exit_code()
    {
        var id = await fixture.Client.CreateDriverAsync();

        var run = await _cli.ExpectAsync(0, "drivers", "delete", id, "--output", "json");

        Assert.Equal("", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task A_table_shows_every_field_of_one_driver_for_people()
    {
        var name = DriverCalls.UniqueName("tbl");
        var id = await fixture.Client.CreateDriverAsync(name, "customize", "nodejs8", ("CpuArch", "x86-64"));

        var run = await _cli.ExpectAsync(0, "drivers", "show", id);

        foreach (var text in new[] { "DriverId", id, "Name", name, "customize", "nodejs8", "x86-64", "Built in", "no", "Created" })
        {
            Assert.Contains(text, run.Out, StringComparison.Ordinal);
        }

        Assert.Equal("", run.Error);
    }

    /// <summary>Every field the API answered, with the same value; IsApply is QueryEdgeDriver's alone.</summary>
    internal static void AssertSameFields(JsonElement api, JsonElement printed)
    {
        var apiFields = api.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        var printedFields = printed.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        Assert.Equal(apiFields.Keys.Order(StringComparer.Ordinal), printedFields.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in apiFields)
        {
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(value).RootElement, JsonDocument.Parse(printedFields[name]).RootElement),
                $"{name}: the API has {value}, the CLI printed {printedFields[name]}");
        }
    }
}
