using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// Operation parameters that are absent, empty or of the wrong type (gateway errors, HTTP 400), and IotInstanceId
/// (no instance exists, so any value is iot.system.InstanceNotFound).
/// </summary>
public sealed class OperationParameterTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly RpcTestClient _client = fixture.Client;
    private string _driverId = "";

    public async Task InitializeAsync()
    {
        _driverId = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(_driverId, "1.0");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A complete, valid parameter set for each operation.</summary>
    private Dictionary<string, string> ValidParameters(string action) => action switch
    {
        "CreateEdgeDriver" => new() { ["DriverName"] = DriverCalls.UniqueName("mp"), ["DriverProtocol"] = "modbus", ["Runtime"] = "c" },
        "QueryEdgeDriver" => new() { ["CurrentPage"] = "1", ["PageSize"] = "10", ["Type"] = "1" },
        "BatchGetEdgeDriver" => new() { ["DriverIds.1"] = _driverId },
        "DeleteEdgeDriver" => new() { ["DriverId"] = _driverId },
        "CreateEdgeDriverVersion" or "UpdateEdgeDriverVersion" => new() { ["DriverId"] = _driverId, ["DriverVersion"] = "1.0", ["EdgeVersion"] = "2.4.0" },
        "QueryEdgeDriverVersion" => new() { ["DriverId"] = _driverId, ["CurrentPage"] = "1", ["PageSize"] = "10" },
        _ => new() { ["DriverId"] = _driverId, ["DriverVersion"] = "1.0" },
    };

    public static TheoryData<string, string> RequiredParameters() => new()
    {
        { "CreateEdgeDriver", "DriverName" },
        { "CreateEdgeDriver", "DriverProtocol" },
        { "CreateEdgeDriver", "Runtime" },
        { "QueryEdgeDriver", "CurrentPage" },
        { "QueryEdgeDriver", "PageSize" },
        { "QueryEdgeDriver", "Type" },
        { "BatchGetEdgeDriver", "DriverIds" },
        { "DeleteEdgeDriver", "DriverId" },
        { "CreateEdgeDriverVersion", "DriverId" },
        { "CreateEdgeDriverVersion", "DriverVersion" },
        { "CreateEdgeDriverVersion", "EdgeVersion" },
        { "UpdateEdgeDriverVersion", "DriverId" },
        { "UpdateEdgeDriverVersion", "DriverVersion" },
        { "UpdateEdgeDriverVersion", "EdgeVersion" },
        { "GetEdgeDriverVersion", "DriverId" },
        { "GetEdgeDriverVersion", "DriverVersion" },
        { "QueryEdgeDriverVersion", "DriverId" },
        { "QueryEdgeDriverVersion", "CurrentPage" },
        { "QueryEdgeDriverVersion", "PageSize" },
        { "DeleteEdgeDriverVersion", "DriverId" },
        { "DeleteEdgeDriverVersion", "DriverVersion" },
        { "ReleaseEdgeDriverVersion", "DriverId" },
        { "ReleaseEdgeDriverVersion", "DriverVersion" },
    };

    [Theory]
    [MemberData(nameof(RequiredParameters))]
    public async Task An_absent_required_parameter_is_Missing_Name(string action, string name)
    {
        var parameters = ValidParameters(action);
        parameters.Remove(name == "DriverIds" ? "DriverIds.1" : name);

        RpcAssert.MissingOperationParameter(await _client.V1Async(action, parameters), name);
    }

    [Theory]
    [MemberData(nameof(RequiredParameters))]
    public async Task An_empty_required_parameter_is_Missing_Name(string action, string name)
    {
        var parameters = ValidParameters(action);
        parameters[name == "DriverIds" ? "DriverIds.1" : name] = "";

        RpcAssert.MissingOperationParameter(await _client.V1Async(action, parameters), name);
    }

    [Theory]
    [MemberData(nameof(RequiredParameters))]
    public async Task Missing_Name_is_answered_in_XML_and_over_V3_too(string action, string name)
    {
        var parameters = ValidParameters(action);
        parameters.Remove(name == "DriverIds" ? "DriverIds.1" : name);

        var xml = await _client.V1Async(action, parameters, new V1Options { Format = "XML" });
        var v3 = await _client.V3Async(action, parameters);

        RpcAssert.MissingOperationParameter(xml, name);
        Assert.Equal("Error", xml.XmlRoot.Name.LocalName);
        RpcAssert.MissingOperationParameter(v3, name);
    }

    [Theory]
    [InlineData("QueryEdgeDriver", "PageSize", "abc")]
    [InlineData("QueryEdgeDriver", "PageSize", "1.5")]
    [InlineData("QueryEdgeDriver", "CurrentPage", "one")]
    [InlineData("QueryEdgeDriver", "Type", "custom")]
    [InlineData("QueryEdgeDriver", "PageSize", "99999999999")]
    [InlineData("QueryEdgeDriverVersion", "PageSize", "abc")]
    [InlineData("QueryEdgeDriverVersion", "CurrentPage", "0x1")]
    [InlineData("QueryEdgeDriverVersion", "VersionState", "published")]
    [InlineData("CreateEdgeDriver", "IsBuiltIn", "maybe")]
    [InlineData("CreateEdgeDriver", "IsBuiltIn", "1")]
    [InlineData("CreateEdgeDriver", "IsBuiltIn", "yes")]
    public async Task A_value_of_the_wrong_type_is_InvalidParameter(string action, string name, string value)
    {
        var parameters = ValidParameters(action);
        parameters[name] = value;

        var message = RpcAssert.GatewayError(await _client.V1Async(action, parameters), 400, "InvalidParameter");

        Assert.Contains(name, message, StringComparison.Ordinal);
        Assert.Contains(value, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DriverIds.0")]
    [InlineData("DriverIds.x")]
    [InlineData("DriverIds.-1")]
    public async Task A_list_item_with_a_bad_index_is_InvalidParameter(string name)
    {
        var response = await _client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", _driverId), (name, _driverId));

        Assert.Contains(name, RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TRUE")]
    [InlineData("False")]
    [InlineData("true")]
    public async Task IsBuiltIn_accepts_true_and_false_in_any_case(string value)
    {
        var parameters = ValidParameters("CreateEdgeDriver");
        parameters["IsBuiltIn"] = value;

        RpcAssert.Success(await _client.V1Async("CreateEdgeDriver", parameters));
    }

    public static TheoryData<string> Actions() =>
    [
        "CreateEdgeDriver", "QueryEdgeDriver", "BatchGetEdgeDriver", "DeleteEdgeDriver", "CreateEdgeDriverVersion",
        "UpdateEdgeDriverVersion", "GetEdgeDriverVersion", "QueryEdgeDriverVersion", "DeleteEdgeDriverVersion", "ReleaseEdgeDriverVersion",
    ];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Any_IotInstanceId_is_InstanceNotFound(string action)
    {
        foreach (var instance in new[] { "iot-cn-npk1u2h5k0a", "iot-060a0abc", "public", "x" })
        {
            var parameters = ValidParameters(action);
            parameters["IotInstanceId"] = instance;

            var response = await _client.V1Async(action, parameters);

            Assert.Equal("The IotInstanceId names no instance of this account.", RpcAssert.BusinessError(response, "iot.system.InstanceNotFound"));
        }

        // Nothing was changed by the refused calls: the version is still there and unpublished.
        var version = await _client.FindVersionAsync(_driverId, "1.0");
        Assert.Equal("0", version.GetProperty("VersionState").GetString());
    }

    [Fact]
    public async Task InstanceNotFound_is_answered_in_XML_under_the_action_root()
    {
        var parameters = ValidParameters("QueryEdgeDriver");
        parameters["IotInstanceId"] = "iot-cn-npk1u2h5k0a";

        var response = await _client.V1Async("QueryEdgeDriver", parameters, new V1Options { Format = "XML" });

        RpcAssert.BusinessError(response, "iot.system.InstanceNotFound", "QueryEdgeDriver");
    }

    [Fact]
    public async Task An_empty_IotInstanceId_is_the_public_instance()
    {
        var parameters = ValidParameters("QueryEdgeDriverVersion");
        parameters["IotInstanceId"] = "";

        var response = RpcAssert.Success(await _client.V1Async("QueryEdgeDriverVersion", parameters));

        Assert.Equal(1, response.Data.GetProperty("Total").GetInt32());
    }
}
