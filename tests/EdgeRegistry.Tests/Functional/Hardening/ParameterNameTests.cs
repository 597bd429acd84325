using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// A parameter name must be one an Iot request can carry: a common parameter, or a request parameter of some Iot
/// action with the clients' flattened list indexes and fields. Anything else is 400 InvalidParameter, like a name
/// given twice, and is answered before the signature is checked.
/// </summary>
public sealed class ParameterNameTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly KeyValuePair<string, string>[] Page = [new("CurrentPage", "1"), new("PageSize", "1"), new("Type", "1")];

    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> QueryWith(string name, string value = "x") => _client.V1Async("QueryEdgeDriver", [.. Page, new(name, value)]);

    [Theory]
    [InlineData("Foo")]
    [InlineData("drivername")]
    [InlineData("Description ")]
    [InlineData("")]
    [InlineData("A=a&B")]
    [InlineData("Type=1&Foo")]
    [InlineData("中文")]
    public async Task A_name_no_Iot_action_uses_is_InvalidParameter(string name)
    {
        var message = RpcAssert.GatewayError(await QueryWith(name), 400, "InvalidParameter");

        Assert.Contains($"\"{name}\" is not a parameter of any Iot action", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_name_is_refused_before_the_signature_is_checked()
    {
        var response = await _client.V1Async("QueryEdgeDriver", [.. Page, new("Foo", "x")], new V1Options { SigningSecret = "wrong" });

        RpcAssert.GatewayError(response, 400, "InvalidParameter");
    }

    [Fact]
    public async Task An_unknown_V3_query_name_is_InvalidParameter_in_JSON()
    {
        var response = await _client.V3Async("QueryEdgeDriver", [.. Page, new("Foo", "x")]);

        Assert.Contains("\"Foo\"", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
        Assert.True(response.IsJson);
    }

    /// <summary>Names of other Iot actions and the optional common parameters are accepted (and ignored here).</summary>
    [Theory]
    [InlineData("ProductKey")]
    [InlineData("IotInstanceId", "")]
    [InlineData("RegionId", "cn-shanghai")]
    [InlineData("SignatureType", "")]
    [InlineData("Tag.1.TagKey")]
    [InlineData("Tag.30.TagValue")]
    [InlineData("DriverIds.1")]
    public async Task Names_some_Iot_action_uses_are_accepted(string name, string value = "x") =>
        RpcAssert.Success(await QueryWith(name, value));

    [Theory]
    [InlineData("DriverIds.01")]
    [InlineData("DriverIds.0")]
    [InlineData("DriverIds.1234567890")]
    [InlineData("DriverIds.")]
    [InlineData("DriverIds..1")]
    [InlineData("DriverIds.1.")]
    [InlineData("DriverIds.1-")]
    public async Task A_malformed_flattened_name_is_InvalidParameter(string name)
    {
        var response = await _client.CallAsync("BatchGetEdgeDriver", ("DriverIds.2", "x"), (name, "y"));

        Assert.Contains($"\"{name}\"", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    /// <summary>Both parse to item 1: this used to reach the operation and fail there as iot.system.SystemException.</summary>
    [Fact]
    public async Task The_same_list_item_under_two_spellings_is_InvalidParameter_not_a_SystemException()
    {
        var id = await _client.CreateDriverAsync();

        var response = await _client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id), ("DriverIds.01", id));

        Assert.Contains("DriverIds.01", RpcAssert.GatewayError(response, 400, "InvalidParameter"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_of_up_to_30_items_still_work()
    {
        var id = await _client.CreateDriverAsync();
        var items = Enumerable.Range(1, 30).Select(i => ($"DriverIds.{i}", id)).ToArray();

        var response = RpcAssert.Success(await _client.CallAsync("BatchGetEdgeDriver", items));

        Assert.Single(response.Root.GetProperty("DriverList").EnumerateArray());
    }
}
