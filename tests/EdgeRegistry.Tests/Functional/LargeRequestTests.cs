using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// JSON parameters up to their 64 KiB limit, sent the way each client sends them: the Tea clients (V3) and
/// pop-core's GET put every business parameter in the URL query, the 2021-era SDKs in a form body.
/// </summary>
public sealed class LargeRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int JsonLimit = 64 * 1024;

    private readonly RpcTestClient _client = fixture.Client;

    private static KeyValuePair<string, string>[] Version(string driverId, string version, string containerConfig) =>
        [new("DriverId", driverId), new("DriverVersion", version), new("EdgeVersion", "2.4.0"), new("ContainerConfig", containerConfig)];

    [Fact]
    public async Task A_64_KiB_ContainerConfig_in_a_form_body_is_accepted()
    {
        var id = await _client.CreateDriverAsync();
        var config = VersionValidationTests.PaddedJson("ContainerConfig", JsonLimit);

        RpcAssert.Success(await _client.V1Async("CreateEdgeDriverVersion", Version(id, "1.0", config)));

        Assert.Equal(config, (await _client.FindVersionAsync(id, "1.0")).GetProperty("ContainerConfig").GetString());
    }

    [Theory]
    [InlineData(16 * 1024)]
    [InlineData(JsonLimit)]
    public async Task A_large_ContainerConfig_in_a_V3_query_is_accepted(int bytes)
    {
        var id = await _client.CreateDriverAsync();
        var config = VersionValidationTests.PaddedJson("ContainerConfig", bytes);

        var response = await _client.V3Async("CreateEdgeDriverVersion", Version(id, "1.0", config));

        RpcAssert.Success(response);
        Assert.Equal(config, (await _client.FindVersionAsync(id, "1.0")).GetProperty("ContainerConfig").GetString());
    }

    [Fact]
    public async Task A_large_ContainerConfig_in_a_V1_GET_query_is_accepted()
    {
        var id = await _client.CreateDriverAsync();
        var config = VersionValidationTests.PaddedJson("ContainerConfig", 16 * 1024);

        var response = await _client.V1Async("CreateEdgeDriverVersion", Version(id, "1.0", config), new V1Options { Method = "GET" });

        RpcAssert.Success(response);
    }

    [Fact]
    public async Task A_V3_query_over_the_limit_is_ParameterSizeLimit_not_a_transport_error()
    {
        var id = await _client.CreateDriverAsync();
        var config = VersionValidationTests.PaddedJson("ContainerConfig", JsonLimit + 1);

        var response = await _client.V3Async("CreateEdgeDriverVersion", Version(id, "1.0", config));

        RpcAssert.SizeLimit(response, "ContainerConfig", JsonLimit + 1, JsonLimit);
    }
}
