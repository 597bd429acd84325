using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>
/// What Create/UpdateEdgeDriverVersion accept as SourceConfig.ossAddress (an uploaded DRIVER_VERSION_CONTENT object
/// of this tenant and driver) and as a FILE DriverConfig (an uploaded DRIVER_VERSION_DEFAULT_CONFIG object); anything
/// else is iot.common.InvalidParam saying why, from both operations, and changes nothing. Objects of another tenant
/// are not tested here: no second account or instance can be made yet.
/// </summary>
public sealed class PackageReferenceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Version(string action, string driverId, string version, params (string Name, string Value)[] more) =>
        _client.CallAsync(action, [("DriverId", driverId), ("DriverVersion", version), ("EdgeVersion", "2.4.0"), .. more]);

    /// <summary>Create (of a new version) and Update (of an existing one) both refuse with the same message; returns it.</summary>
    private Task<string> RefusedByBoth(string driverId, string name, string value, params string[] messageParts) =>
        _client.RefusedByBothAsync(driverId, name, value, response => RpcAssert.InvalidParam(response, messageParts));

    [Fact]
    public async Task The_package_of_another_driver_is_refused()
    {
        var mine = await _client.CreateDriverAsync();
        var other = await _client.CreateDriverAsync();
        var address = await _client.UploadPackageAsync(other, "new");

        await RefusedByBoth(mine, "SourceConfig", PackageCalls.SourceConfig(address), "SourceConfig.ossAddress", "another driver");
    }

    [Fact]
    public async Task A_default_config_file_as_the_package_is_refused_naming_both_kinds()
    {
        var id = await _client.CreateDriverAsync();
        var config = await _client.UploadDefaultConfigAsync(id, "new");

        await RefusedByBoth(id, "SourceConfig", PackageCalls.SourceConfig(config), "SourceConfig.ossAddress", PackageCalls.DefaultConfigType, PackageCalls.PackageType);
    }

    [Fact]
    public async Task An_instance_config_as_the_package_is_refused_naming_its_kind()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "base");
        var presigned = await _client.PresignAsync(id, "base", PackageCalls.InstanceConfigType, "instance.json", ("InstanceId", "edge-1"));
        Assert.Equal(200, (await _client.PutAsync(presigned.PresignedUrl, [1])).Status);

        var response = await Version("CreateEdgeDriverVersion", id, "new", ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));

        RpcAssert.InvalidParam(response, "SourceConfig.ossAddress", PackageCalls.InstanceConfigType, PackageCalls.PackageType);
    }

    [Fact]
    public async Task A_presigned_object_not_yet_uploaded_is_refused()
    {
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "new");

        await RefusedByBoth(id, "SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress), "SourceConfig.ossAddress", "not completed");
    }

    [Theory]
    [InlineData("https://oss.example.com/a.zip")]
    [InlineData("https://edge-driver.oss-cn-shanghai.aliyuncs.com/driver/x/DRIVER_VERSION_CONTENT/d/1.0/1/a.zip")]
    [InlineData("http://127.0.0.1:1/oss/driver/0123456789abcdef0123456789abcdef/DRIVER_VERSION_CONTENT/x/1.0/1/a.zip")]
    public async Task A_URL_that_is_no_object_of_this_server_is_refused(string url)
    {
        var id = await _client.CreateDriverAsync();

        var message = await RefusedByBoth(id, "SourceConfig", PackageCalls.SourceConfig(url), "SourceConfig.ossAddress", "CreateEdgeOssPreSignedAddress");

        Assert.Contains(url, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_presigned_link_itself_names_the_object_too()
    {
        // What a careless client might pass: the PUT link with its query. The object is the same.
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "1.0");
        Assert.Equal(200, (await _client.PutAsync(presigned.PresignedUrl, [1, 2])).Status);

        RpcAssert.Success(await Version("CreateEdgeDriverVersion", id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(presigned.PresignedUrl))));
    }

    [Fact]
    public async Task A_FILE_DriverConfig_naming_a_package_is_refused()
    {
        var id = await _client.CreateDriverAsync();
        var package = await _client.UploadPackageAsync(id, "new");

        await RefusedByBoth(id, "DriverConfig", PackageCalls.FileConfig(package), "DriverConfig[0].content", PackageCalls.PackageType, PackageCalls.DefaultConfigType);
    }

    [Fact]
    public async Task A_FILE_DriverConfig_naming_a_default_config_not_yet_uploaded_or_of_another_driver_is_refused()
    {
        var id = await _client.CreateDriverAsync();
        var other = await _client.CreateDriverAsync();
        var pending = await _client.PresignAsync(id, "new", PackageCalls.DefaultConfigType, "config.json");
        var foreign = await _client.UploadDefaultConfigAsync(other, "new");

        await RefusedByBoth(id, "DriverConfig", PackageCalls.FileConfig(pending.OssAddress), "DriverConfig[0].content", "not completed");
        await RefusedByBoth(id, "DriverConfig", PackageCalls.FileConfig(foreign), "DriverConfig[0].content", "another driver");
        await RefusedByBoth(id, "DriverConfig", PackageCalls.FileConfig("https://oss.example.com/c.json"), "DriverConfig[0].content");
    }

    [Fact]
    public async Task The_second_of_two_FILE_entries_is_named_in_the_message()
    {
        var id = await _client.CreateDriverAsync();
        var good = await _client.UploadDefaultConfigAsync(id, "new");
        var config = $"[{{\"format\":\"FILE\",\"content\":\"{good}\"}},{{\"format\":\"KV\",\"content\":\"a=1\"}},{{\"format\":\"FILE\",\"content\":\"https://oss.example.com/c.json\"}}]";

        await RefusedByBoth(id, "DriverConfig", config, "DriverConfig[2].content");
    }

    [Fact]
    public async Task A_FILE_DriverConfig_naming_an_uploaded_default_config_is_stored_verbatim()
    {
        var id = await _client.CreateDriverAsync();
        var config = await _client.UploadDefaultConfigAsync(id, "1.0");
        var value = $"[{{\"format\":\"KV\",\"content\":\"a=1\"}},{{\"format\":\"FILE\",\"content\":\"{config}\"}}]";

        await _client.CreateVersionAsync(id, "1.0", ("DriverConfig", value));

        Assert.Equal(value, (await _client.FindVersionAsync(id, "1.0")).GetProperty("DriverConfig").GetString());
        Assert.Equal("", (await _client.FindVersionAsync(id, "1.0")).GetProperty("SourceConfig").GetString());
    }

    [Fact]
    public async Task Update_accepts_a_new_package_and_the_version_then_serves_it()
    {
        var id = await _client.CreateDriverAsync();
        var first = PackageCalls.RandomBytes(100);
        var second = PackageCalls.RandomBytes(200);
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(await _client.UploadPackageAsync(id, "1.0", first))));
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var next = await _client.UploadPackageAsync(id, "1.0", second);

        RpcAssert.Success(await Version("UpdateEdgeDriverVersion", id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(next))));

        OssAssert.Object(await _client.GetObjectAsync(await _client.TemporaryAddressAsync(id, "1.0")), second);
    }

    [Fact]
    public async Task An_object_uploaded_long_ago_can_still_be_named_after_its_link_expired()
    {
        var id = await _client.CreateDriverAsync();
        var address = await _client.UploadPackageAsync(id, "1.0");
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));

        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(address)));
    }

    [Fact]
    public async Task Two_versions_may_name_the_same_package()
    {
        var id = await _client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(64);
        var source = PackageCalls.SourceConfig(await _client.UploadPackageAsync(id, "1.0", bytes));

        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", source));
        await _client.CreateVersionAsync(id, "1.1", ("SourceConfig", source));

        OssAssert.Object(await _client.GetObjectAsync(await _client.TemporaryAddressAsync(id, "1.1")), bytes);
    }

    [Fact]
    public async Task A_built_in_driver_version_needs_no_package()
    {
        var id = await _client.CreateDriverAsync(more: ("IsBuiltIn", "true"));

        await _client.CreateVersionAsync(id, "1.0");

        Assert.Equal("", (await _client.FindVersionAsync(id, "1.0")).GetProperty("SourceConfig").GetString());
    }

    [Theory]
    [InlineData("CreateEdgeDriverVersion")]
    [InlineData("UpdateEdgeDriverVersion")]
    public async Task An_unknown_driver_is_DriverNotExist_whatever_the_SourceConfig_names(string action)
    {
        // Without a SourceConfig the answer is DriverNotExist (LifecycleTests); naming a package must not change it.
        var id = await _client.CreateDriverAsync();
        var package = await _client.UploadPackageAsync(id, "1.0");
        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", id)));
        const string unknown = "0123456789abcdef0123456789abcdef";

        foreach (var source in new[] { PackageCalls.SourceConfig(package), PackageCalls.SourceConfig("https://oss.example.com/a.zip") })
        {
            RpcAssert.BusinessError(await Version(action, unknown, "1.0", ("SourceConfig", source)), "iot.edge.DriverNotExist");
            RpcAssert.BusinessError(await Version(action, id, "1.0", ("SourceConfig", source)), "iot.edge.DriverNotExist");
        }
    }
}
