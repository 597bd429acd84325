using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// Rows written before today's rules (planted here straight into SQLite) must never make a read fail: Get and
/// QueryEdgeDriverVersion answer them in JSON and XML, the whole list included, and an unpublished one can still be
/// deleted, alone or with its driver. A value is answered as stored; only what a format cannot carry is degraded
/// (a control character becomes U+FFFD in XML), and a SourceConfig that is not a JSON object loses its download link.
/// </summary>
public sealed class LegacyValueReadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string LoneSurrogateNote = "\"note\":\"\\ud800\"";

    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Call(string format, string action, params (string Name, string Value)[] parameters) =>
        _client.V1Async(action, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)), new V1Options { Format = format });

    /// <summary>Overwrites one column of a stored version, as an older release could have left it.</summary>
    private void Plant(string driverId, string version, string column, string value, string valueSql = "$value") =>
        Assert.Equal(1, fixture.Server.Execute(
            $"UPDATE driver_versions SET {column} = {valueSql} WHERE version = $v AND driver_pk = (SELECT driver_pk FROM drivers WHERE driver_id = $d)",
            ("$value", value), ("$v", version), ("$d", driverId)));

    private sealed record Legacy(string DriverId, string Address, byte[] Bytes, string PoisonedSource);

    /// <summary>A driver whose versions each hold one kind of value today's rules refuse, plus a clean one.</summary>
    private async Task<Legacy> DriverWithLegacyRowsAsync()
    {
        var id = await _client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(300);
        var address = await _client.UploadPackageAsync(id, "surrogate", bytes);
        foreach (var version in new[] { "clean", "surrogate", "not-json", "control", "bad-utf8", "configs" })
        {
            var source = version is "surrogate" or "not-json" ? PackageCalls.SourceConfig(address) : "";
            await _client.CreateVersionAsync(id, version, ("SourceConfig", source));
        }

        var poisoned = PackageCalls.SourceConfig(address)[..^1] + "," + LoneSurrogateNote + "}";
        Plant(id, "surrogate", "source_config", poisoned);
        Plant(id, "not-json", "source_config", "{\"ossAddress\":");
        Plant(id, "control", "description", "bell\u0007 nul\0 end");
        // A surrogate encoded as UTF-8 bytes (CESU-8): not UTF-8 at all.
        Plant(id, "bad-utf8", "description", "", "CAST(X'61EDA08062' AS TEXT)");
        Plant(id, "configs", "driver_config", """[{"format":"KV","content":"\ud800"},{"format":"JSON","content":"{\"k\":\"\\u0000\"}"}]""");
        Plant(id, "configs", "container_config", """{"x":"\u0000","\udc00":1}""");
        Plant(id, "configs", "config_check_rule", "not json at all");
        return new Legacy(id, address, bytes, poisoned);
    }

    private static string Text(RpcResponse response, string version, string field, bool get)
    {
        if (response.IsJson)
        {
            var item = get ? response.Data : response.Data.GetProperty("DriverVersionList").EnumerateArray().Single(v => v.GetProperty("DriverVersion").GetString() == version);
            return item.GetProperty(field).GetString()!;
        }

        var data = response.XmlRoot.Element("Data")!;
        var element = get ? data : data.Element("DriverVersionList")!.Elements("DriverVersion").Single(v => v.Element("DriverVersion")!.Value == version);
        return element.Element(field)!.Value;
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task Get_and_Query_answer_every_legacy_row_and_the_whole_list(string format)
    {
        var legacy = await DriverWithLegacyRowsAsync();
        var id = legacy.DriverId;

        var list = RpcAssert.Success(await Call(format, "QueryEdgeDriverVersion", ("DriverId", id), ("CurrentPage", "1"), ("PageSize", "30")));
        foreach (var version in new[] { "clean", "surrogate", "not-json", "control", "bad-utf8", "configs" })
        {
            var got = RpcAssert.Success(await Call(format, "GetEdgeDriverVersion", ("DriverId", id), ("DriverVersion", version)));
            foreach (var field in new[] { "SourceConfig", "Description", "DriverConfig", "ContainerConfig", "ConfigCheckRule" })
            {
                Assert.Equal(Text(list, version, field, get: false), Text(got, version, field, get: true));
            }
        }

        // Names and values are copied as stored, never decoded: the escape stays an escape, and the link still works.
        var source = Text(list, "surrogate", "SourceConfig", get: false);
        var link = PackageCalls.AssertSourceConfig(legacy.PoisonedSource, source);
        OssAssert.Object(await _client.GetObjectAsync(link), legacy.Bytes);
        Assert.Equal("{\"ossAddress\":", Text(list, "not-json", "SourceConfig", get: false));
        Assert.Equal("""[{"format":"KV","content":"\ud800"},{"format":"JSON","content":"{\"k\":\"\\u0000\"}"}]""", Text(list, "configs", "DriverConfig", get: false));
        Assert.Equal("""{"x":"\u0000","\udc00":1}""", Text(list, "configs", "ContainerConfig", get: false));
        Assert.Equal("not json at all", Text(list, "configs", "ConfigCheckRule", get: false));
        Assert.Matches("^a\uFFFD+b$", Text(list, "bad-utf8", "Description", get: false));
        Assert.Equal(format == "JSON" ? "bell\u0007 nul\0 end" : "bell\uFFFD nul\uFFFD end", Text(list, "control", "Description", get: false));
    }

    [Fact]
    public async Task Unpublished_legacy_rows_can_be_deleted_one_by_one_and_with_their_driver()
    {
        var legacy = await DriverWithLegacyRowsAsync();
        var id = legacy.DriverId;

        foreach (var version in new[] { "surrogate", "not-json", "control" })
        {
            RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriverVersion", ("DriverId", id), ("DriverVersion", version)));
        }

        Assert.Equal(["bad-utf8", "clean", "configs"], (await _client.AllVersionsAsync(id)).Order(StringComparer.Ordinal));
        OssAssert.Error(await _client.GetObjectAsync(fixture.Server.DownloadLink(legacy.Address)), 404, "NoSuchKey");
        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", id)));
        RpcAssert.BusinessError(await _client.QueryVersionsAsync(id, 1, 30), "iot.edge.DriverNotExist");
    }

    [Fact]
    public async Task A_published_legacy_row_stays_readable_and_keeps_serving_its_package()
    {
        var legacy = await DriverWithLegacyRowsAsync();
        await _client.ReleaseAsync(legacy.DriverId, "surrogate");

        foreach (var format in new[] { "JSON", "XML" })
        {
            var got = RpcAssert.Success(await Call(format, "GetEdgeDriverVersion", ("DriverId", legacy.DriverId), ("DriverVersion", "surrogate")));
            var link = PackageCalls.AssertSourceConfig(legacy.PoisonedSource, Text(got, "surrogate", "SourceConfig", get: true));
            OssAssert.Object(await _client.GetObjectAsync(link), legacy.Bytes);
        }
    }
}
