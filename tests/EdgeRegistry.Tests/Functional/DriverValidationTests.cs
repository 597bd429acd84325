using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>CreateEdgeDriver's value rules (api.md 5): business errors, HTTP 200, and nothing created.</summary>
public sealed class DriverValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Create(string name, string protocol = "modbus", string runtime = "python3", string? cpuArch = null) =>
        _client.V1Async("CreateEdgeDriver", new Dictionary<string, string>
        {
            ["DriverName"] = name,
            ["DriverProtocol"] = protocol,
            ["Runtime"] = runtime,
            ["CpuArch"] = cpuArch ?? "",
        });

    private async Task<int> CountNamed(string name)
    {
        var response = RpcAssert.Success(await _client.QueryDriversAsync(30, ("DriverName", name)));
        return response.Data.GetProperty("Total").GetInt32();
    }

    [Theory]
    [InlineData("1driver")]
    [InlineData("_driver")]
    [InlineData("my-driver")]
    [InlineData("my driver")]
    [InlineData("my.driver")]
    [InlineData("drïver")]
    [InlineData("驱动")]
    public async Task A_DriverName_breaking_the_pattern_is_InvalidParam(string name)
    {
        RpcAssert.InvalidParam(await Create(name), "DriverName");
        Assert.Equal(0, await CountNamed(name));
    }

    [Fact]
    public async Task A_DriverName_of_21_characters_is_ParameterSizeLimit()
    {
        RpcAssert.SizeLimit(await Create("d" + new string('x', 20)), "DriverName", 21, 20);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Z")]
    [InlineData("A_1")]
    public async Task Short_and_mixed_names_are_accepted(string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..8];
        RpcAssert.Success(await Create(name));
        Assert.Equal(1, await CountNamed(name));
    }

    [Fact]
    public async Task A_DriverName_of_exactly_20_characters_is_accepted()
    {
        var name = ("L" + Guid.NewGuid().ToString("N"))[..20];
        RpcAssert.Success(await Create(name));
    }

    [Theory]
    [InlineData("bacnet")]
    [InlineData("opcua")]
    [InlineData("modbus ")]
    public async Task A_DriverProtocol_outside_the_list_is_InvalidParam(string protocol) =>
        RpcAssert.InvalidParam(await Create(DriverCalls.UniqueName("p"), protocol: protocol), "DriverProtocol", "modbus, opc-ua, customize");

    [Theory]
    [InlineData("python2")]
    [InlineData("nodejs")]
    [InlineData("java")]
    [InlineData("go")]
    public async Task A_Runtime_outside_the_list_is_InvalidParam(string runtime) =>
        RpcAssert.InvalidParam(await Create(DriverCalls.UniqueName("r"), runtime: runtime), "Runtime", "nodejs8, python3, c, java8");

    [Theory]
    [InlineData("arm64")]
    [InlineData("amd64")]
    [InlineData("x86_64")]
    [InlineData("ARMv8")]
    public async Task A_CpuArch_outside_the_list_is_InvalidParam(string cpuArch) =>
        RpcAssert.InvalidParam(await Create(DriverCalls.UniqueName("c"), cpuArch: cpuArch), "CpuArch", "ARMv7, ARMv7-HF, AArch64, x86-64, x86");

    [Theory]
    [InlineData("aarch64", "AArch64")]
    [InlineData("AARCH64", "AArch64")]
    [InlineData("armv7", "ARMv7")]
    [InlineData("armv7-hf", "ARMv7-HF")]
    [InlineData("X86-64", "x86-64")]
    [InlineData("X86", "x86")]
    [InlineData("AArch64", "AArch64")]
    public async Task CpuArch_is_accepted_in_any_case_and_returned_canonical(string sent, string stored)
    {
        var name = DriverCalls.UniqueName("arch");
        var id = RpcAssert.Success(await Create(name, cpuArch: sent)).Field("DriverId")!;

        var batch = RpcAssert.Success(await _client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id)));
        var query = RpcAssert.Success(await _client.QueryDriversAsync(1, ("DriverName", name)));

        Assert.Equal(stored, batch.Root.GetProperty("DriverList")[0].GetProperty("CpuArch").GetString());
        Assert.Equal(stored, query.Data.GetProperty("DriverList")[0].GetProperty("CpuArch").GetString());
    }

    [Theory]
    [InlineData("MODBUS", "modbus", "PYTHON3", "python3")]
    [InlineData("Opc-UA", "opc-ua", "NodeJS8", "nodejs8")]
    [InlineData("CustomIZE", "customize", "C", "c")]
    [InlineData("modbus", "modbus", "Java8", "java8")]
    public async Task DriverProtocol_and_Runtime_are_accepted_in_any_case_and_returned_canonical(string protocol, string storedProtocol,
        string runtime, string storedRuntime)
    {
        var name = DriverCalls.UniqueName("case");
        var id = RpcAssert.Success(await Create(name, protocol, runtime)).Field("DriverId")!;

        var batch = RpcAssert.Success(await _client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id))).Root.GetProperty("DriverList")[0];
        var query = RpcAssert.Success(await _client.QueryDriversAsync(1, ("DriverName", name))).Data.GetProperty("DriverList")[0];
        foreach (var driver in new[] { batch, query })
        {
            Assert.Equal(storedProtocol, driver.GetProperty("DriverProtocol").GetString());
            Assert.Equal(storedRuntime, driver.GetProperty("Runtime").GetString());
        }
    }

    [Fact]
    public async Task The_same_name_twice_is_DriverNameExist()
    {
        var name = DriverCalls.UniqueName("twice");
        RpcAssert.Success(await Create(name));

        var response = await Create(name, "opc-ua", "java8");

        Assert.Equal("A driver with this DriverName already exists in this instance.", RpcAssert.BusinessError(response, "iot.edge.DriverNameExist"));
        Assert.Equal(1, await CountNamed(name));
    }

    [Fact]
    public async Task DriverNameExist_is_answered_in_XML_under_the_action_root()
    {
        var name = DriverCalls.UniqueName("twicex");
        RpcAssert.Success(await Create(name));

        var response = await _client.V1Async("CreateEdgeDriver",
            [new("DriverName", name), new("DriverProtocol", "modbus"), new("Runtime", "c")], new V1Options { Format = "XML" });

        RpcAssert.BusinessError(response, "iot.edge.DriverNameExist", "CreateEdgeDriver");
    }
}
