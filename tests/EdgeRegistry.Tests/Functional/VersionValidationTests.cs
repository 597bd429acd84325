using System.Text;
using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// The value rules of Create/UpdateEdgeDriverVersion (api.md 5) other than ContainerConfig's: business errors
/// that change nothing, and the limits exactly at their edge.
/// </summary>
public sealed class VersionValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const int JsonLimit = 64 * 1024;

    private readonly RpcTestClient _client = fixture.Client;
    private string _driverId = "";

    public async Task InitializeAsync()
    {
        _driverId = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(_driverId, VersionRefusals.Existing, ("Description", "kept"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Creates a new version with one parameter set (and EdgeVersion 2.4.0 unless that is the one given).</summary>
    private Task<RpcResponse> Create(string name, string value, string? version = null) =>
        Send("CreateEdgeDriverVersion", version ?? "v" + Guid.NewGuid().ToString("N")[..12], name, value);

    private Task<RpcResponse> Send(string action, string version, string name, string value)
    {
        var parameters = new Dictionary<string, string> { ["DriverId"] = _driverId, ["DriverVersion"] = version, ["EdgeVersion"] = "2.4.0" };
        parameters[name] = value;
        return _client.V1Async(action, parameters);
    }

    /// <summary>Both operations refuse the value with <paramref name="code"/> and the same message, and change nothing.</summary>
    private Task<string> RefusedByBoth(string name, string value, string code = "iot.common.InvalidParam") =>
        _client.RefusedByBothAsync(_driverId, name, value, response => RpcAssert.BusinessError(response, code));

    /// <summary>
    /// Creates a version with the value and reads it back as given. <c>$PACKAGE</c> / <c>$CONFIG</c> in the value
    /// become the OssAddress of a package / default config uploaded for the version; a SourceConfig naming a
    /// package comes back with its temporaryOssAddress added, and otherwise verbatim.
    /// </summary>
    private async Task AcceptedAndStoredVerbatim(string name, string value, string? version = null)
    {
        version ??= "ok" + Guid.NewGuid().ToString("N")[..12];
        if (value.Contains("$PACKAGE", StringComparison.Ordinal))
        {
            value = value.Replace("$PACKAGE", await _client.UploadPackageAsync(_driverId, version), StringComparison.Ordinal);
        }

        if (value.Contains("$CONFIG", StringComparison.Ordinal))
        {
            value = value.Replace("$CONFIG", await _client.UploadDefaultConfigAsync(_driverId, version), StringComparison.Ordinal);
        }

        RpcAssert.Success(await Create(name, value, version));
        var returned = (await _client.FindVersionAsync(_driverId, version)).GetProperty(name).GetString()!;
        if (name == "SourceConfig" && value.Contains("\"ossAddress\"", StringComparison.Ordinal))
        {
            PackageCalls.AssertSourceConfig(value, returned);
        }
        else
        {
            Assert.Equal(value, returned);
        }
    }

    /// <summary><see cref="PaddedJson"/>, a SourceConfig naming a package uploaded for <paramref name="version"/>.</summary>
    private async Task<string> Padded(string name, int bytes, string version, char pad = 'x') =>
        PaddedJson(name, bytes, pad, name == "SourceConfig" ? await _client.UploadPackageAsync(_driverId, version) : null);

    [Theory]
    [InlineData("1.0 beta")]
    [InlineData("1.0/2")]
    [InlineData("1.0+build")]
    [InlineData("版本1")]
    [InlineData("v1:0")]
    public async Task A_DriverVersion_with_other_characters_is_InvalidParam(string version)
    {
        var response = await Send("CreateEdgeDriverVersion", version, "EdgeVersion", "2.4.0");

        RpcAssert.InvalidParam(response, "DriverVersion");
    }

    [Fact]
    public async Task A_DriverVersion_of_65_characters_is_ParameterSizeLimit_and_64_is_accepted()
    {
        var response = await Send("CreateEdgeDriverVersion", new string('9', 65), "EdgeVersion", "2.4.0");
        RpcAssert.SizeLimit(response, "DriverVersion", 65, 64);

        var longest = "V_1.0-rc." + new string('x', 55);
        RpcAssert.Success(await Send("CreateEdgeDriverVersion", longest, "EdgeVersion", "2.4.0"));
        Assert.Equal(longest, (await _client.FindVersionAsync(_driverId, longest)).GetProperty("DriverVersion").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("v2.4.0")]
    [InlineData("2.4.x")]
    [InlineData("2..4")]
    [InlineData("2.4.")]
    [InlineData(" 2.4.0")]
    [InlineData("1.2.3.4.5")]
    [InlineData("2.4.0.0.1")]
    public async Task An_EdgeVersion_that_is_not_1_to_4_dotted_numbers_is_InvalidParam(string edgeVersion) =>
        RpcAssert.InvalidParam(await RefusedByBothResponse("EdgeVersion", edgeVersion), "EdgeVersion");

    private async Task<RpcResponse> RefusedByBothResponse(string name, string value)
    {
        await RefusedByBoth(name, value);
        return await Create(name, value);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2.4")]
    [InlineData("2.4.0")]
    [InlineData("10.20.30")]
    [InlineData("1.2.3.4")]
    [InlineData("2.4.0.1234")]
    public async Task One_to_four_dotted_numbers_are_accepted_as_EdgeVersion(string edgeVersion) => await AcceptedAndStoredVerbatim("EdgeVersion", edgeVersion);

    [Fact]
    public async Task A_Description_of_257_UTF8_bytes_is_ParameterSizeLimit()
    {
        var message = await RefusedByBoth("Description", new string('é', 128) + "a", "iot.common.ParameterSizeLimit");

        Assert.Equal("Description is 257 long; the limit is 256.", message);
    }

    [Theory]
    [InlineData("é", 128)]
    [InlineData("中", 85)]
    [InlineData("😀", 64)]
    [InlineData("a", 256)]
    public async Task A_Description_of_256_UTF8_bytes_is_accepted(string unit, int count)
    {
        var description = string.Concat(Enumerable.Repeat(unit, count));
        description += new string('a', 256 - Encoding.UTF8.GetByteCount(description));

        await AcceptedAndStoredVerbatim("Description", description);
    }

    [Fact]
    public async Task An_Argument_of_1025_characters_is_ParameterSizeLimit_and_1024_is_accepted()
    {
        Assert.Equal("Argument is 1025 long; the limit is 1024.", await RefusedByBoth("Argument", new string('a', 1025), "iot.common.ParameterSizeLimit"));

        await AcceptedAndStoredVerbatim("Argument", "-XX:+PrintGCDetails " + new string('a', 1004));
    }

    [Theory]
    [InlineData("not json", "SourceConfig is not valid JSON")]
    [InlineData("{\"ossAddress\":", "SourceConfig is not valid JSON")]
    [InlineData("[{\"ossAddress\":\"https://oss.example.com/a.zip\"}]", "SourceConfig must be a JSON object")]
    [InlineData("\"https://oss.example.com/a.zip\"", "SourceConfig must be a JSON object")]
    [InlineData("{\"ossAddress\":\"not a url\"}", "SourceConfig.ossAddress")]
    [InlineData("{\"ossAddress\":\"ftp://oss.example.com/a.zip\"}", "SourceConfig.ossAddress")]
    [InlineData("{\"ossAddress\":\"/relative/a.zip\"}", "SourceConfig.ossAddress")]
    [InlineData("{\"ossAddress\":42}", "SourceConfig.ossAddress")]
    public async Task A_bad_SourceConfig_is_InvalidParam(string value, string messagePart) =>
        Assert.Contains(messagePart, await RefusedByBoth("SourceConfig", value), StringComparison.Ordinal);

    [Theory]
    [InlineData("{\"ossAddress\":\"$PACKAGE\"}")]
    [InlineData("{\"ossAddress\":\"$PACKAGE\",\"md5\":\"abc\"}")]
    [InlineData("{\"md5\":\"abc\",\"ossAddress\":\"$PACKAGE\",\"extra\":{\"n\":[1,2.50,-0,1e3,true,null],\"s\":\"中文 a&b=c <x>\"}}")]
    [InlineData("{}")]
    [InlineData("{\"note\":\"no package: no ossAddress, no temporaryOssAddress\"}")]
    public async Task A_good_SourceConfig_is_stored_verbatim(string value) => await AcceptedAndStoredVerbatim("SourceConfig", value);

    [Theory]
    [InlineData("[{\"format\":\"JSON\",\"content\":\"{not json\"}]", "DriverConfig[0].content")]
    [InlineData("[{\"format\":\"KV\",\"content\":\"a=1\"},{\"format\":\"FILE\",\"content\":\"config.json\"}]", "DriverConfig[1].content")]
    [InlineData("[{\"format\":\"XML\",\"content\":\"<a/>\"}]", "DriverConfig[0].format")]
    [InlineData("[{\"format\":\"json\",\"content\":\"{}\"}]", "DriverConfig[0].format")]
    [InlineData("[{\"content\":\"a=1\"}]", "DriverConfig[0].format")]
    [InlineData("[{\"format\":\"KV\"}]", "DriverConfig[0].content")]
    [InlineData("[{\"format\":\"KV\",\"content\":1}]", "DriverConfig[0].content")]
    [InlineData("{\"format\":\"FILE\",\"content\":\"not a url\"}", "DriverConfig.content")]
    [InlineData("[\"a=1\"]", "DriverConfig[0]")]
    [InlineData("\"a=1\"", "DriverConfig must be a JSON array")]
    [InlineData("a=1", "DriverConfig is not valid JSON")]
    public async Task A_bad_DriverConfig_is_InvalidParam(string value, string messagePart) =>
        Assert.Contains(messagePart, await RefusedByBoth("DriverConfig", value), StringComparison.Ordinal);

    [Theory]
    [InlineData("[{\"format\":\"JSON\",\"content\":\"{\\\"a\\\":[1,2]}\"},{\"format\":\"KV\",\"content\":\"k=v\"},{\"format\":\"FILE\",\"content\":\"$CONFIG\"}]")]
    [InlineData("{\"format\":\"FILE\",\"content\":\"$CONFIG\"}")]
    [InlineData("{\"format\":\"KV\",\"content\":\"k=v\"}")]
    [InlineData("{\"format\":\"JSON\",\"content\":\"[]\"}")]
    [InlineData("[]")]
    public async Task A_good_DriverConfig_is_stored_verbatim(string value) => await AcceptedAndStoredVerbatim("DriverConfig", value);

    [Theory]
    [InlineData("{\"deviceConfig\":{\"required\":\"yes\"}}", "ConfigCheckRule.deviceConfig.required")]
    [InlineData("{\"driverConfig\":{\"required\":1}}", "ConfigCheckRule.driverConfig.required")]
    [InlineData("{\"driverConfig\":true}", "ConfigCheckRule.driverConfig")]
    [InlineData("[]", "ConfigCheckRule must be a JSON object")]
    [InlineData("{", "ConfigCheckRule is not valid JSON")]
    public async Task A_bad_ConfigCheckRule_is_InvalidParam(string value, string messagePart) =>
        Assert.Contains(messagePart, await RefusedByBoth("ConfigCheckRule", value), StringComparison.Ordinal);

    [Theory]
    [InlineData("{\"deviceConfig\":{\"required\":true},\"driverConfig\":{\"required\":false}}")]
    [InlineData("{\"deviceConfig\":{}}")]
    public async Task A_good_ConfigCheckRule_is_stored_verbatim(string value) => await AcceptedAndStoredVerbatim("ConfigCheckRule", value);

    /// <summary>A valid value of each JSON parameter, padded with an unknown field to exactly <paramref name="bytes"/> UTF-8 bytes.</summary>
    public static string PaddedJson(string name, int bytes, char pad = 'x', string? ossAddress = null)
    {
        var (head, tail) = name switch
        {
            "SourceConfig" => ($"{{\"ossAddress\":\"{ossAddress ?? "https://oss.example.com/a.zip"}\",\"pad\":\"", "\"}"),
            "DriverConfig" => ("[{\"format\":\"KV\",\"content\":\"", "\"}]"),
            "ContainerConfig" => ("{\"privileged\":0,\"pad\":\"", "\"}"),
            _ => ("{\"deviceConfig\":{\"required\":true},\"pad\":\"", "\"}"),
        };
        var room = bytes - Encoding.UTF8.GetByteCount(head + tail);
        var padBytes = Encoding.UTF8.GetByteCount(pad.ToString());
        var value = head + new string(pad, room / padBytes) + new string('x', room % padBytes) + tail;
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(value));
        return value;
    }

    [Theory]
    [InlineData("SourceConfig")]
    [InlineData("DriverConfig")]
    [InlineData("ContainerConfig")]
    [InlineData("ConfigCheckRule")]
    public async Task A_JSON_parameter_over_64_KiB_is_ParameterSizeLimit(string name)
    {
        var message = await RefusedByBoth(name, await Padded(name, JsonLimit + 1, VersionRefusals.Existing), "iot.common.ParameterSizeLimit");

        Assert.Equal($"{name} is 65537 long; the limit is 65536.", message);
    }

    [Theory]
    [InlineData("SourceConfig")]
    [InlineData("ContainerConfig")]
    public async Task The_64_KiB_limit_counts_UTF8_bytes(string name)
    {
        var value = await Padded(name, JsonLimit + 2, VersionRefusals.Existing, 'é');
        Assert.True(value.Length < JsonLimit);

        Assert.Equal($"{name} is 65538 long; the limit is 65536.", await RefusedByBoth(name, value, "iot.common.ParameterSizeLimit"));
    }

    [Theory]
    [InlineData("SourceConfig")]
    [InlineData("DriverConfig")]
    [InlineData("ContainerConfig")]
    [InlineData("ConfigCheckRule")]
    public async Task A_JSON_parameter_of_exactly_64_KiB_is_accepted(string name)
    {
        // A 64 KiB SourceConfig still names an uploaded package; the padding is an unknown field, kept as given.
        var version = "max" + Guid.NewGuid().ToString("N")[..12];
        await AcceptedAndStoredVerbatim(name, await Padded(name, JsonLimit, version), version);
    }

    [Fact]
    public async Task JSON_nested_deeper_than_the_parser_allows_is_InvalidParam_not_a_crash()
    {
        var deep = "{\"a\":" + new string('[', 100) + new string(']', 100) + "}";

        Assert.Contains("ContainerConfig", await RefusedByBoth("ContainerConfig", deep), StringComparison.Ordinal);
    }
}
