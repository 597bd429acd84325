using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>
/// Get and QueryEdgeDriverVersion hand out SourceConfig with a fresh <c>temporaryOssAddress</c> (a GET link valid
/// 300 s) next to the stored <c>ossAddress</c>, in JSON and in XML, whenever a package is stored, and never otherwise.
/// </summary>
public sealed partial class TemporaryAddressTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Call(string format, string action, params (string Name, string Value)[] parameters) =>
        _client.V1Async(action, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)), new V1Options { Format = format });

    private async Task<(string DriverId, string Source, byte[] Bytes)> VersionWithPackageAsync(string version = "1.0")
    {
        var id = await _client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(777);
        var source = PackageCalls.SourceConfig(await _client.UploadPackageAsync(id, version, bytes));
        await _client.CreateVersionAsync(id, version, ("SourceConfig", source));
        return (id, source, bytes);
    }

    /// <summary>The SourceConfig text of the only version in a Get or Query answer, whichever the format.</summary>
    private static string SourceConfigIn(RpcResponse response, string action)
    {
        RpcAssert.Success(response);
        if (response.IsJson)
        {
            var data = response.Data;
            var item = action == "GetEdgeDriverVersion" ? data : Assert.Single(data.GetProperty("DriverVersionList").EnumerateArray());
            return item.GetProperty("SourceConfig").GetString()!;
        }

        var xmlData = response.XmlRoot.Element("Data")!;
        var element = action == "GetEdgeDriverVersion" ? xmlData : Assert.Single(xmlData.Element("DriverVersionList")!.Elements("DriverVersion"));
        return element.Element("SourceConfig")!.Value;
    }

    private Task<RpcResponse> Read(string format, string action, string driverId, string version) => action == "GetEdgeDriverVersion"
        ? Call(format, action, ("DriverId", driverId), ("DriverVersion", version))
        : Call(format, action, ("DriverId", driverId), ("CurrentPage", "1"), ("PageSize", "10"), ("DriverVersion", version));

    [Theory]
    [InlineData("JSON", "GetEdgeDriverVersion")]
    [InlineData("XML", "GetEdgeDriverVersion")]
    [InlineData("JSON", "QueryEdgeDriverVersion")]
    [InlineData("XML", "QueryEdgeDriverVersion")]
    public async Task A_stored_package_comes_with_a_temporaryOssAddress_that_downloads_it(string format, string action)
    {
        var (id, source, bytes) = await VersionWithPackageAsync();

        var returned = SourceConfigIn(await Read(format, action, id, "1.0"), action);

        var link = PackageCalls.AssertSourceConfig(source, returned);
        var ossAddress = System.Text.Json.JsonDocument.Parse(source).RootElement.GetProperty("ossAddress").GetString()!;
        Assert.StartsWith(ossAddress + "?Expires=", link, StringComparison.Ordinal);
        var expires = long.Parse(ExpiresOf().Match(link).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(fixture.Clock.GetUtcNow().AddSeconds(300).ToUnixTimeSeconds(), expires);
        OssAssert.Object(await _client.GetObjectAsync(link), bytes);
    }

    [Fact]
    public async Task In_XML_the_link_is_escaped_text_inside_SourceConfig()
    {
        var (id, _, _) = await VersionWithPackageAsync();

        var response = await Read("XML", "GetEdgeDriverVersion", id, "1.0");

        var raw = Regex.Match(response.Body, "<SourceConfig>(.*?)</SourceConfig>").Groups[1].Value;
        Assert.Contains("temporaryOssAddress", raw, StringComparison.Ordinal);
        Assert.Contains("&amp;OSSAccessKeyId=", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<", raw, StringComparison.Ordinal);
        Assert.Empty(response.XmlRoot.Element("Data")!.Element("SourceConfig")!.Elements());
    }

    [Fact]
    public async Task Each_read_makes_a_fresh_link()
    {
        var (id, _, bytes) = await VersionWithPackageAsync();
        var first = await _client.TemporaryAddressAsync(id, "1.0");
        fixture.Clock.Advance(TimeSpan.FromSeconds(10));

        var second = await _client.TemporaryAddressAsync(id, "1.0");

        Assert.NotEqual(first, second);
        Assert.Equal(long.Parse(ExpiresOf().Match(first).Groups[1].Value, CultureInfo.InvariantCulture) + 10,
            long.Parse(ExpiresOf().Match(second).Groups[1].Value, CultureInfo.InvariantCulture));
        OssAssert.Object(await _client.GetObjectAsync(first), bytes);
        OssAssert.Object(await _client.GetObjectAsync(second), bytes);
    }

    [Fact]
    public async Task A_published_version_still_serves_its_package()
    {
        var (id, _, bytes) = await VersionWithPackageAsync();
        await _client.ReleaseAsync(id, "1.0");

        OssAssert.Object(await _client.GetObjectAsync(await _client.TemporaryAddressAsync(id, "1.0")), bytes);
    }

    [Fact]
    public async Task Every_version_of_a_page_gets_its_own_link()
    {
        var id = await _client.CreateDriverAsync();
        var packages = new Dictionary<string, byte[]>();
        foreach (var version in new[] { "1.0", "1.1", "2.0" })
        {
            packages[version] = PackageCalls.RandomBytes(100);
            await _client.CreateVersionAsync(id, version, ("SourceConfig", PackageCalls.SourceConfig(await _client.UploadPackageAsync(id, version, packages[version]))));
        }

        await _client.CreateVersionAsync(id, "3.0");

        var list = RpcAssert.Success(await _client.QueryVersionsAsync(id, 1, 10)).Data.GetProperty("DriverVersionList");
        foreach (var item in list.EnumerateArray())
        {
            var version = item.GetProperty("DriverVersion").GetString()!;
            var link = PackageCalls.TemporaryAddress(item.GetProperty("SourceConfig").GetString()!);
            if (version == "3.0")
            {
                Assert.Null(link);
                continue;
            }

            OssAssert.Object(await _client.GetObjectAsync(link!), packages[version]);
        }
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task No_package_no_temporaryOssAddress(string format)
    {
        var id = await _client.CreateDriverAsync();
        const string noAddress = "{\"note\":\"code is pre-installed\"}";
        await _client.CreateVersionAsync(id, "1.0");
        await _client.CreateVersionAsync(id, "2.0", ("SourceConfig", noAddress));

        Assert.Equal("", SourceConfigIn(await Read(format, "GetEdgeDriverVersion", id, "1.0"), "GetEdgeDriverVersion"));
        Assert.Equal(noAddress, SourceConfigIn(await Read(format, "GetEdgeDriverVersion", id, "2.0"), "GetEdgeDriverVersion"));
        Assert.Equal("", SourceConfigIn(await Read(format, "QueryEdgeDriverVersion", id, "1.0"), "QueryEdgeDriverVersion"));
        Assert.Equal(noAddress, SourceConfigIn(await Read(format, "QueryEdgeDriverVersion", id, "2.0"), "QueryEdgeDriverVersion"));
    }

    [Fact]
    public async Task A_temporaryOssAddress_sent_by_the_client_is_replaced_by_the_server_s_own()
    {
        var id = await _client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(10);
        var address = await _client.UploadPackageAsync(id, "1.0", bytes);
        var given = $"{{\"ossAddress\":\"{address}\",\"temporaryOssAddress\":\"https://evil.example.com/x.zip\"}}";

        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", given));

        var returned = (await _client.FindVersionAsync(id, "1.0")).GetProperty("SourceConfig").GetString()!;
        var link = PackageCalls.TemporaryAddress(returned)!;
        Assert.DoesNotContain("evil", returned, StringComparison.Ordinal);
        Assert.Equal(PackageCalls.SourceConfig(address)[..^1] + ",\"temporaryOssAddress\":" + PackageCalls.Quote(link) + "}", returned);
        OssAssert.Object(await _client.GetObjectAsync(link), bytes);
    }

    [Fact]
    public async Task After_an_update_without_SourceConfig_there_is_no_link()
    {
        var (id, _, _) = await VersionWithPackageAsync();

        RpcAssert.Success(await _client.CallAsync("UpdateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0")));

        Assert.Equal("", (await _client.FindVersionAsync(id, "1.0")).GetProperty("SourceConfig").GetString());
    }

    [GeneratedRegex("[?&]Expires=(\\d+)")]
    private static partial Regex ExpiresOf();
}
