using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// Only the server hands out download links. A SourceConfig without a package but with its own
/// <c>temporaryOssAddress</c> used to be stored and echoed back on every read: a link to anywhere, planted by a
/// tenant for whoever reads the version. It is refused now, and a row an older release stored loses it on read.
/// </summary>
public sealed class PlantedLinkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    [Theory]
    [InlineData("{\"temporaryOssAddress\":\"http://evil.example/x.zip\"}")]
    [InlineData("{\"note\":1,\"temporaryOss\\u0041ddress\":\"http://evil.example/x.zip\"}")]
    public async Task A_SourceConfig_with_a_link_but_no_package_is_refused(string sourceConfig)
    {
        var id = await _client.CreateDriverAsync();

        var response = await _client.CallAsync("CreateEdgeDriverVersion",
            ("DriverId", id), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0"), ("SourceConfig", sourceConfig));

        Assert.Contains("temporaryOssAddress", RpcAssert.BusinessError(response, "iot.common.InvalidParam"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SourceConfig_read_back_with_its_link_can_be_sent_again()
    {
        var id = await _client.CreateDriverAsync();
        var address = await _client.UploadPackageAsync(id, "1.0");
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(address)));
        var readBack = (await _client.FindVersionAsync(id, "1.0")).GetProperty("SourceConfig").GetString()!;

        RpcAssert.Success(await _client.CallAsync("UpdateEdgeDriverVersion",
            ("DriverId", id), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0"), ("SourceConfig", readBack)));

        var link = await _client.TemporaryAddressAsync(id, "1.0");
        Assert.Equal(200, (await _client.GetObjectAsync(link)).Status);
    }

    [Fact]
    public async Task A_link_an_older_release_stored_without_a_package_is_not_answered()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", "{\"note\":\"kept\"}"));
        Assert.Equal(1, fixture.Server.Execute(
            "UPDATE driver_versions SET source_config = $value WHERE version = '1.0' AND driver_pk = (SELECT driver_pk FROM drivers WHERE driver_id = $d)",
            ("$value", "{\"note\":\"kept\",\"temporaryOssAddress\":\"http://evil.example/x.zip\"}"), ("$d", id)));

        var source = (await _client.FindVersionAsync(id, "1.0")).GetProperty("SourceConfig").GetString();

        Assert.Equal("{\"note\":\"kept\"}", source);
    }
}

/// <summary>A JSON parameter naming one field twice is refused: clients disagree on which of the two values counts.</summary>
public sealed class DuplicateJsonKeyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("SourceConfig", "{\"note\":1,\"note\":2}")]
    [InlineData("ContainerConfig", "{\"privileged\":false,\"privileged\":true}")]
    [InlineData("ConfigCheckRule", "{\"deviceConfig\":{\"required\":true,\"required\":false}}")]
    [InlineData("DriverConfig", "[{\"format\":\"JSON\",\"format\":\"FILE\",\"content\":\"{}\"}]")]
    [InlineData("DriverConfig", "[{\"format\":\"JSON\",\"content\":\"{\\\"a\\\":1,\\\"a\\\":2}\"}]")]
    public async Task A_name_given_twice_in_a_JSON_parameter_is_refused(string parameter, string value)
    {
        var client = fixture.Client;
        var id = await client.CreateDriverAsync();

        var response = await client.CallAsync("CreateEdgeDriverVersion",
            ("DriverId", id), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0"), (parameter, value));

        RpcAssert.BusinessError(response, "iot.common.InvalidParam");
    }
}
