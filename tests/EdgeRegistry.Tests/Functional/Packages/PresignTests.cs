using System.Globalization;
using System.Text.RegularExpressions;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>
/// CreateEdgeOssPreSignedAddress (api.md 5): the three Types, every parameter rule and business error, the object
/// key layout and the five-minute expiry of the link.
/// </summary>
public sealed partial class PresignTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Presign(params (string Name, string Value)[] parameters) => _client.PresignRawAsync(parameters);

    private static (string, string)[] Params(string type, string driverId, string version = "1.0.0", string fileName = "driver.zip") =>
        [("Type", type), ("ResourceId", driverId), ("ResourceVersion", version), ("FileName", fileName)];

    [Theory]
    [InlineData(PackageCalls.PackageType, "driver.zip")]
    [InlineData(PackageCalls.DefaultConfigType, "config.json")]
    public async Task Package_and_default_config_give_the_object_URL_in_the_reference_layout(string type, string fileName)
    {
        var id = await _client.CreateDriverAsync();
        var nowMs = fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        // The version need not exist yet: the usual flow uploads first and creates the version with the address.
        var response = RpcAssert.Success(await Presign(Params(type, id, "1.0.0", fileName)));

        Assert.Equal(["RequestId", "Success", "Code", "Data"], response.FieldNames);
        Assert.Equal(["OssAddress", "OssPreSignedAddress"], response.Data.EnumerateObject().Select(p => p.Name));
        var address = response.Data.GetProperty("OssAddress").GetString()!;
        var match = ObjectUrl().Match(address);
        Assert.True(match.Success, address);
        Assert.Equal(fixture.Server.BaseUri.GetLeftPart(UriPartial.Authority), match.Groups["base"].Value);
        Assert.Equal(type, match.Groups["type"].Value);
        Assert.Equal(id, match.Groups["driver"].Value);
        Assert.Equal("1.0.0", match.Groups["version"].Value);
        Assert.Equal(nowMs.ToString(CultureInfo.InvariantCulture), match.Groups["ms"].Value);
        Assert.Equal(fileName, match.Groups["file"].Value);
        AssertPresigned(address, response.Data.GetProperty("OssPreSignedAddress").GetString()!);
    }

    [Fact]
    public async Task The_account_hash_is_the_same_for_every_object_of_the_account()
    {
        var a = await _client.CreateDriverAsync();
        var b = await _client.CreateDriverAsync();

        var first = await _client.PresignAsync(a, "1.0");
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(5));
        var second = await _client.PresignAsync(b, "2.0", PackageCalls.DefaultConfigType, "c.json");

        Assert.Equal(ObjectUrl().Match(first.OssAddress).Groups["account"].Value, ObjectUrl().Match(second.OssAddress).Groups["account"].Value);
        Assert.NotEqual(first.OssAddress, second.OssAddress);
        Assert.DoesNotContain(TestServer.AccessKeyId, first.OssAddress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presigning_again_later_gives_a_new_object()
    {
        var id = await _client.CreateDriverAsync();
        var first = await _client.PresignAsync(id, "1.0");
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));

        var second = await _client.PresignAsync(id, "1.0");

        Assert.NotEqual(first.OssAddress, second.OssAddress);
    }

    [Fact]
    public async Task An_instance_config_needs_an_existing_version_and_an_InstanceId()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0.0");

        var response = RpcAssert.Success(await Presign([.. Params(PackageCalls.InstanceConfigType, id, "1.0.0", "instance.json"), ("InstanceId", "edge-instance-1")]));

        var address = response.Data.GetProperty("OssAddress").GetString()!;
        Assert.Equal(PackageCalls.InstanceConfigType, ObjectUrl().Match(address).Groups["type"].Value);
        AssertPresigned(address, response.Data.GetProperty("OssPreSignedAddress").GetString()!);
        var put = await _client.PutAsync(response.Data.GetProperty("OssPreSignedAddress").GetString()!, "{\"a\":1}"u8.ToArray());
        Assert.True(put.Status == 200, put.ToString());
    }

    [Fact]
    public async Task An_instance_config_of_a_published_version_is_allowed()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0.0");
        await _client.ReleaseAsync(id, "1.0.0");

        RpcAssert.Success(await Presign([.. Params(PackageCalls.InstanceConfigType, id, "1.0.0", "instance.json"), ("InstanceId", "edge-1")]));
    }

    [Fact]
    public async Task An_instance_config_without_InstanceId_is_InvalidParam()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0.0");

        RpcAssert.InvalidParam(await Presign(Params(PackageCalls.InstanceConfigType, id, "1.0.0", "instance.json")), "InstanceId");
        RpcAssert.InvalidParam(await Presign([.. Params(PackageCalls.InstanceConfigType, id, "1.0.0", "instance.json"), ("InstanceId", "")]), "InstanceId");
    }

    [Fact]
    public async Task An_instance_config_of_an_unknown_version_is_DriverVersionNotExist()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0.0");

        var response = await Presign([.. Params(PackageCalls.InstanceConfigType, id, "1.0.1", "instance.json"), ("InstanceId", "edge-1")]);

        Assert.Equal("The driver version does not exist.", RpcAssert.BusinessError(response, "iot.edge.DriverVersionNotExist"));
    }

    [Theory]
    [InlineData(PackageCalls.PackageType)]
    [InlineData(PackageCalls.DefaultConfigType)]
    public async Task A_package_or_default_config_of_a_published_version_is_DriverVersionPublished(string type)
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0.0");
        await _client.ReleaseAsync(id, "1.0.0");

        RpcAssert.BusinessError(await Presign(Params(type, id, "1.0.0", "a.zip")), "iot.edge.DriverVersionPublished");
    }

    [Theory]
    [InlineData(PackageCalls.PackageType)]
    [InlineData(PackageCalls.DefaultConfigType)]
    [InlineData(PackageCalls.InstanceConfigType)]
    public async Task An_unknown_driver_is_DriverNotExist(string type)
    {
        var id = await _client.CreateDriverAsync();
        foreach (var driverId in new[] { UnknownId, id.ToUpperInvariant(), "nope" })
        {
            var response = await Presign([.. Params(type, driverId), ("InstanceId", "edge-1")]);

            Assert.Equal("The driver does not exist.", RpcAssert.BusinessError(response, "iot.edge.DriverNotExist"));
        }
    }

    [Fact]
    public async Task A_deleted_driver_is_DriverNotExist()
    {
        var id = await _client.CreateDriverAsync();
        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", id)));

        RpcAssert.BusinessError(await Presign(Params(PackageCalls.PackageType, id)), "iot.edge.DriverNotExist");
    }

    [Fact]
    public async Task Another_instance_is_InstanceNotFound()
    {
        var id = await _client.CreateDriverAsync();

        var response = await Presign([.. Params(PackageCalls.PackageType, id), ("IotInstanceId", "iot-cn-0pp1n8t****")]);

        RpcAssert.BusinessError(response, "iot.system.InstanceNotFound");
    }

    [Theory]
    [InlineData("driver_CONTENT")]
    [InlineData("driver_version_content")]
    [InlineData("DRIVER_VERSION_CONTENT ")]
    [InlineData("OTHER")]
    public async Task An_unknown_Type_is_InvalidParam_naming_the_Types(string type)
    {
        var id = await _client.CreateDriverAsync();

        RpcAssert.InvalidParam(await Presign(Params(type, id)), "Type", PackageCalls.PackageType, PackageCalls.DefaultConfigType, PackageCalls.InstanceConfigType);
    }

    [Theory]
    [InlineData("Type")]
    [InlineData("ResourceId")]
    [InlineData("ResourceVersion")]
    [InlineData("FileName")]
    public async Task A_missing_or_empty_parameter_is_Missing_Name(string name)
    {
        var id = await _client.CreateDriverAsync();
        var all = Params(PackageCalls.PackageType, id);

        RpcAssert.MissingOperationParameter(await Presign([.. all.Where(p => p.Item1 != name)]), name);
        RpcAssert.MissingOperationParameter(await Presign([.. all.Select(p => p.Item1 == name ? (name, "") : p)]), name);
    }

    [Theory]
    [InlineData("drivers/driver.zip")]
    [InlineData("../driver.zip")]
    [InlineData("..\\driver.zip")]
    [InlineData("c:\\temp\\driver.zip")]
    [InlineData("/driver.zip")]
    [InlineData("driver")]
    [InlineData("driver.")]
    [InlineData(".zip")]
    [InlineData("dri\nver.zip")]
    public async Task A_FileName_with_a_path_or_without_an_extension_is_InvalidParam(string fileName)
    {
        var id = await _client.CreateDriverAsync();

        RpcAssert.InvalidParam(await Presign(Params(PackageCalls.PackageType, id, fileName: fileName)), "FileName");
    }

    [Fact]
    public async Task A_FileName_of_129_characters_is_ParameterSizeLimit_and_128_is_accepted()
    {
        var id = await _client.CreateDriverAsync();

        RpcAssert.SizeLimit(await Presign(Params(PackageCalls.PackageType, id, fileName: new string('a', 125) + ".zip")), "FileName", 129, 128);
        var longest = new string('a', 124) + ".zip";
        var presigned = await _client.PresignAsync(id, "1.0", fileName: longest);
        Assert.EndsWith("/" + longest, presigned.OssAddress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ResourceVersion_that_is_no_DriverVersion_is_InvalidParam_naming_ResourceVersion()
    {
        var id = await _client.CreateDriverAsync();

        // api.md 3: the ErrorMessage names the parameter, and the parameter here is ResourceVersion.
        foreach (var version in new[] { "1.0 beta", "1.0/2", "版本1" })
        {
            RpcAssert.InvalidParam(await Presign(Params(PackageCalls.PackageType, id, version)), "ResourceVersion");
        }
    }

    [Fact]
    public async Task A_ResourceVersion_of_65_characters_is_ParameterSizeLimit_naming_ResourceVersion()
    {
        var id = await _client.CreateDriverAsync();

        RpcAssert.SizeLimit(await Presign(Params(PackageCalls.PackageType, id, new string('9', 65))), "ResourceVersion", 65, 64);
    }

    [Fact]
    public async Task A_FileName_with_spaces_and_non_ASCII_characters_is_escaped_in_the_URL_and_round_trips()
    {
        var id = await _client.CreateDriverAsync();
        const string fileName = "驱动 v1+b%20(x)&y=z#q?.zip";
        var bytes = PackageCalls.RandomBytes(3000);

        var presigned = await _client.PresignAsync(id, "1.0", fileName: fileName);
        Assert.True(Uri.TryCreate(presigned.OssAddress, UriKind.Absolute, out _), presigned.OssAddress);
        Assert.DoesNotContain(presigned.OssAddress, c => c is ' ' or '#' or '?' or > '\x7f');
        Assert.Equal(fileName, Uri.UnescapeDataString(presigned.OssAddress[(presigned.OssAddress.LastIndexOf('/') + 1)..]));
        Assert.True((await _client.PutAsync(presigned.PresignedUrl, bytes)).Status == 200);
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));

        var link = PackageCalls.TemporaryAddress((await _client.FindVersionAsync(id, "1.0")).GetProperty("SourceConfig").GetString()!)!;
        OssAssert.Object(await _client.GetObjectAsync(link), bytes);
    }

    /// <summary>The presigned link is the object URL plus exactly Expires (now + 300 s), OSSAccessKeyId and Signature.</summary>
    private void AssertPresigned(string address, string presigned)
    {
        Assert.StartsWith(address + "?", presigned, StringComparison.Ordinal);
        var query = presigned[(address.Length + 1)..].Split('&').Select(p => p.Split('=', 2)).ToList();
        Assert.Equal(["Expires", "OSSAccessKeyId", "Signature"], query.Select(p => p[0]));
        Assert.Equal(fixture.Clock.GetUtcNow().AddSeconds(300).ToUnixTimeSeconds(), long.Parse(query[0][1], CultureInfo.InvariantCulture));
        Assert.False(string.IsNullOrEmpty(query[1][1]));
        Assert.Equal(20, Convert.FromBase64String(Uri.UnescapeDataString(query[2][1])).Length);
    }

    [GeneratedRegex("^(?<base>http://127\\.0\\.0\\.1:\\d+)/oss/driver/(?<account>[0-9a-f]{32})/(?<type>[A-Z_]+)/(?<driver>[0-9a-f]{32})/(?<version>[^/]+)/(?<ms>\\d{13})/(?<file>[^/?]+)$")]
    private static partial Regex ObjectUrl();
}
