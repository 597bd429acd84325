using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// Names end where they seem to: a pattern anchored with <c>$</c> also matched before a final newline, so "nl1" and
/// "nl1\n" became two drivers (the same for versions, edge versions and the admin API's names); and a version
/// of only dots ("." or "..", path segments) was accepted but could never get a package.
/// </summary>
public sealed class NameEndTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    [Fact]
    public async Task A_driver_name_with_a_final_newline_is_refused()
    {
        RpcAssert.Success(await _client.CallAsync("CreateEdgeDriver", ("DriverName", "nl1"), ("DriverProtocol", "modbus"), ("Runtime", "python3")));

        var response = await _client.CallAsync("CreateEdgeDriver", ("DriverName", "nl1\n"), ("DriverProtocol", "modbus"), ("Runtime", "python3"));

        RpcAssert.BusinessError(response, "iot.common.InvalidParam");
    }

    [Theory]
    [InlineData("1.0.0\n", "2.4.0")]
    [InlineData(".", "2.4.0")]
    [InlineData("..", "2.4.0")]
    [InlineData("...", "2.4.0")]
    [InlineData("1.0.0", "2.4.0\n")]
    public async Task A_version_ending_in_a_newline_or_made_of_dots_is_refused(string version, string edgeVersion)
    {
        var id = await _client.CreateDriverAsync();

        var response = await _client.CallAsync("CreateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", version), ("EdgeVersion", edgeVersion));

        RpcAssert.BusinessError(response, "iot.common.InvalidParam");
    }

    [Theory]
    [InlineData(".1")]
    [InlineData("1.")]
    [InlineData("v.._")]
    public async Task A_version_with_dots_and_something_else_is_still_accepted(string version)
    {
        var id = await _client.CreateDriverAsync();

        RpcAssert.Success(await _client.CallAsync("CreateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", version), ("EdgeVersion", "2.4.0")));
    }

    [Theory]
    [InlineData("/users", "{\"userName\":\"reader\\n\"}")]
    [InlineData("/instances", "{\"instanceId\":\"iot-abcd1234\\n\"}")]
    public async Task An_admin_name_with_a_final_newline_is_refused(string collection, string body)
    {
        var admin = fixture.Server.Admin();
        var account = await admin.DefaultAccountIdAsync();

        var response = await admin.SendAsync(HttpMethod.Post, $"/admin/accounts/{account}{collection}", body);

        Assert.True(response.Status == 400, response.ToString());
    }

    [Fact]
    public async Task A_policy_name_with_a_final_newline_is_refused()
    {
        var admin = fixture.Server.Admin();
        var account = await admin.DefaultAccountIdAsync();
        const string document = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iot:Get*\"],\"Resource\":[\"*\"]}]}";

        var response = await admin.SendAsync(HttpMethod.Put, $"/admin/accounts/{account}/policies/P1%0A", document);

        Assert.True(response.Status == 400, response.ToString());
    }
}
