using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// Every operation's success answer, in JSON and in XML: the envelope, the fields in order with their values and
/// JSON types, lists bare in JSON and wrapped in XML, the headers.
/// </summary>
public sealed class ResponseShapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    public static readonly string[] DriverFields =
        ["DriverId", "DriverName", "DriverProtocol", "Runtime", "CpuArch", "IsBuiltIn", "Type", "GmtCreateTimestamp", "GmtModifiedTimestamp", "GmtCreate", "GmtModified"];

    public static readonly string[] VersionFields =
        ["DriverId", "DriverVersion", "VersionState", "EdgeVersion", "Description", "SourceConfig", "DriverConfig", "ContainerConfig",
         "ConfigCheckRule", "Argument", "GmtCreateTimestamp", "GmtModifiedTimestamp", "GmtCreate", "GmtModified"];

    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private readonly RpcTestClient _client = fixture.Client;

    private long NowMs => fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string GmtText(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private Task<RpcResponse> Call(string format, string action, params (string Name, string Value)[] parameters) =>
        _client.V1Async(action, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)), new V1Options { Format = format });

    /// <summary>The envelope of a success answer in either format; returns the XML root (null for JSON).</summary>
    private static XElement? Envelope(RpcResponse response, string format, string action, params string[] fields)
    {
        RpcAssert.Success(response);
        Assert.Equal(["RequestId", "Success", "Code", .. fields], response.FieldNames);
        if (format == "JSON")
        {
            Assert.Equal(RpcAssert.JsonContentType, response.ContentType);
            Assert.Equal(JsonValueKind.True, response.Root.GetProperty("Success").ValueKind);
            return null;
        }

        Assert.Equal(RpcAssert.XmlContentType, response.ContentType);
        Assert.StartsWith(XmlDeclaration, response.Body, StringComparison.Ordinal);
        Assert.Equal(action + "Response", response.XmlRoot.Name.LocalName);
        Assert.Equal(response.RequestIdHeader, response.XmlRoot.Element("RequestId")!.Value);
        return response.XmlRoot;
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task CreateEdgeDriver_answers_a_new_32_hex_DriverId(string format)
    {
        var response = await Call(format, "CreateEdgeDriver",
            ("DriverName", DriverCalls.UniqueName()), ("DriverProtocol", "modbus"), ("Runtime", "python3"));

        Envelope(response, format, "CreateEdgeDriver", "DriverId");
        Assert.Matches("^[0-9a-f]{32}$", response.Field("DriverId"));
    }

    [Fact]
    public async Task CreateEdgeDriver_ids_are_distinct()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(ids.Add(await _client.CreateDriverAsync()));
        }
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task QueryEdgeDriver_puts_the_page_and_DriverList_in_Data(string format)
    {
        var name = DriverCalls.UniqueName("shapeq");
        var created = NowMs;
        var id = await _client.CreateDriverAsync(name, "opc-ua", "java8", ("CpuArch", "x86-64"), ("IsBuiltIn", "true"));

        var response = await Call(format, "QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "10"), ("Type", "1"), ("DriverName", name));

        var xml = Envelope(response, format, "QueryEdgeDriver", "Data");
        if (xml is null)
        {
            var data = response.Data;
            Assert.Equal(["CurrentPage", "PageSize", "Total", "DriverList"], data.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1, data.GetProperty("CurrentPage").GetInt32());
            Assert.Equal(10, data.GetProperty("PageSize").GetInt32());
            Assert.Equal(1, data.GetProperty("Total").GetInt32());
            Assert.Equal(JsonValueKind.Array, data.GetProperty("DriverList").ValueKind);
            var driver = Assert.Single(data.GetProperty("DriverList").EnumerateArray());
            Assert.Equal([.. DriverFields[..7], "IsApply", .. DriverFields[7..]], driver.EnumerateObject().Select(p => p.Name));
            AssertDriverJson(driver, id, name, "opc-ua", "java8", "x86-64", isBuiltIn: true, created);
            Assert.Equal(JsonValueKind.False, driver.GetProperty("IsApply").ValueKind);
        }
        else
        {
            var data = xml.Element("Data")!;
            Assert.Equal(["CurrentPage", "PageSize", "Total", "DriverList"], data.Elements().Select(e => e.Name.LocalName));
            Assert.Equal("1", data.Element("CurrentPage")!.Value);
            Assert.Equal("10", data.Element("PageSize")!.Value);
            Assert.Equal("1", data.Element("Total")!.Value);
            var driver = Assert.Single(data.Element("DriverList")!.Elements());
            Assert.Equal("Driver", driver.Name.LocalName);
            AssertDriverXml(driver, id, name, "opc-ua", "java8", "x86-64", "true", created);
            Assert.Equal("false", driver.Element("IsApply")!.Value);
        }
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task BatchGetEdgeDriver_puts_DriverList_at_the_top_level(string format)
    {
        var (nameA, nameB) = (DriverCalls.UniqueName("shapeb"), DriverCalls.UniqueName("shapeb"));
        var created = NowMs;
        var a = await _client.CreateDriverAsync(nameA, "modbus", "nodejs8");
        var b = await _client.CreateDriverAsync(nameB, "customize", "c", ("CpuArch", "ARMv7-HF"));

        var response = await Call(format, "BatchGetEdgeDriver", ("DriverIds.1", b), ("DriverIds.2", a));

        var xml = Envelope(response, format, "BatchGetEdgeDriver", "DriverList");
        if (xml is null)
        {
            var list = response.Root.GetProperty("DriverList").EnumerateArray().ToArray();
            Assert.Equal(2, list.Length);
            Assert.Equal(DriverFields, list[0].EnumerateObject().Select(p => p.Name));
            AssertDriverJson(list[0], b, nameB, "customize", "c", "ARMv7-HF", isBuiltIn: false, created);
            AssertDriverJson(list[1], a, nameA, "modbus", "nodejs8", "", isBuiltIn: false, created);
        }
        else
        {
            var items = xml.Element("DriverList")!.Elements().ToArray();
            Assert.Equal(["Driver", "Driver"], items.Select(e => e.Name.LocalName));
            Assert.Equal(DriverFields, items[0].Elements().Select(e => e.Name.LocalName));
            AssertDriverXml(items[0], b, nameB, "customize", "c", "ARMv7-HF", "false", created);
            AssertDriverXml(items[1], a, nameA, "modbus", "nodejs8", "", "false", created);
        }
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task Version_writes_answer_the_bare_envelope(string format)
    {
        var id = await _client.CreateDriverAsync();
        (string, string)[] version = [("DriverId", id), ("DriverVersion", "1.0.0")];

        Envelope(await Call(format, "CreateEdgeDriverVersion", [.. version, ("EdgeVersion", "2.4.0")]), format, "CreateEdgeDriverVersion");
        Envelope(await Call(format, "UpdateEdgeDriverVersion", [.. version, ("EdgeVersion", "2.5.0")]), format, "UpdateEdgeDriverVersion");
        Envelope(await Call(format, "DeleteEdgeDriverVersion", version), format, "DeleteEdgeDriverVersion");
        await _client.CreateVersionAsync(id, "1.0.0");
        Envelope(await Call(format, "ReleaseEdgeDriverVersion", version), format, "ReleaseEdgeDriverVersion");
        Envelope(await Call(format, "ReleaseEdgeDriverVersion", version), format, "ReleaseEdgeDriverVersion");
        var other = await _client.CreateDriverAsync();
        Envelope(await Call(format, "DeleteEdgeDriver", ("DriverId", other)), format, "DeleteEdgeDriver");
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task GetEdgeDriverVersion_puts_the_version_in_Data(string format)
    {
        var id = await _client.CreateDriverAsync();
        var created = NowMs;
        var full = await FullVersionAsync(id, "2.0.1");
        await _client.CreateVersionAsync(id, "2.0.1", full);

        var response = await Call(format, "GetEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "2.0.1"));

        var xml = Envelope(response, format, "GetEdgeDriverVersion", "Data");
        if (xml is null)
        {
            AssertVersionJson(response.Data, full, id, "2.0.1", "0", created, created);
        }
        else
        {
            AssertVersionXml(xml.Element("Data")!, full, id, "2.0.1", "0", created);
        }
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task QueryEdgeDriverVersion_puts_the_page_and_DriverVersionList_in_Data(string format)
    {
        var id = await _client.CreateDriverAsync();
        var created = NowMs;
        var full = await FullVersionAsync(id, "3.0");
        await _client.CreateVersionAsync(id, "3.0", full);
        await _client.CreateVersionAsync(id, "3.1");
        await _client.ReleaseAsync(id, "3.0");

        var response = await Call(format, "QueryEdgeDriverVersion", ("DriverId", id), ("CurrentPage", "1"), ("PageSize", "5"), ("VersionState", "1"));

        var xml = Envelope(response, format, "QueryEdgeDriverVersion", "Data");
        if (xml is null)
        {
            var data = response.Data;
            Assert.Equal(["CurrentPage", "PageSize", "Total", "DriverVersionList"], data.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Number, data.GetProperty("Total").ValueKind);
            Assert.Equal((1, 5, 1), (data.GetProperty("CurrentPage").GetInt32(), data.GetProperty("PageSize").GetInt32(), data.GetProperty("Total").GetInt32()));
            var item = Assert.Single(data.GetProperty("DriverVersionList").EnumerateArray());
            AssertVersionJson(item, full, id, "3.0", "1", created, created);
        }
        else
        {
            var data = xml.Element("Data")!;
            Assert.Equal(["CurrentPage", "PageSize", "Total", "DriverVersionList"], data.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(["1", "5", "1"], data.Elements().Take(3).Select(e => e.Value));
            var item = Assert.Single(data.Element("DriverVersionList")!.Elements());
            Assert.Equal("DriverVersion", item.Name.LocalName);
            AssertVersionXml(item, full, id, "3.0", "1", created);
        }
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task An_empty_list_is_an_empty_array_or_an_empty_wrapper(string format)
    {
        var id = await _client.CreateDriverAsync();

        var response = await Call(format, "QueryEdgeDriverVersion", ("DriverId", id), ("CurrentPage", "1"), ("PageSize", "30"));

        var xml = Envelope(response, format, "QueryEdgeDriverVersion", "Data");
        if (xml is null)
        {
            Assert.Equal("[]", response.Data.GetProperty("DriverVersionList").GetRawText());
            Assert.Equal(0, response.Data.GetProperty("Total").GetInt32());
        }
        else
        {
            var list = xml.Element("Data")!.Element("DriverVersionList");
            Assert.NotNull(list);
            Assert.Empty(list.Elements());
            Assert.Equal("0", xml.Element("Data")!.Element("Total")!.Value);
        }
    }

    [Fact]
    public async Task Each_answer_has_its_own_request_id()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await _client.QueryDriversAsync(1);
            Assert.True(ids.Add(response.RequestIdHeader!));
        }
    }

    /// <summary>Every parameter of a version set; SourceConfig names a package uploaded for it.</summary>
    private async Task<(string, string)[]> FullVersionAsync(string driverId, string version) =>
    [
        ("EdgeVersion", "2.4.0"),
        ("Description", "full"),
        ("SourceConfig", PackageCalls.SourceConfig(await _client.UploadPackageAsync(driverId, version))),
        ("DriverConfig", "[{\"format\":\"KV\",\"content\":\"a=1\"}]"),
        ("ContainerConfig", "{\"privileged\":1}"),
        ("ConfigCheckRule", "{\"deviceConfig\":{\"required\":false},\"driverConfig\":{\"required\":true}}"),
        ("Argument", "-Xmx64m"),
    ];

    /// <summary>What was given, as returned: SourceConfig gains its temporaryOssAddress, the rest is verbatim.</summary>
    private static void AssertValues((string Name, string Value)[] full, Func<string, string> returned)
    {
        foreach (var (name, value) in full)
        {
            if (name == "SourceConfig")
            {
                PackageCalls.AssertSourceConfig(value, returned(name));
            }
            else
            {
                Assert.Equal(value, returned(name));
            }
        }
    }

    private static void AssertVersionJson(JsonElement item, (string, string)[] full, string id, string version, string state, long created, long modified)
    {
        Assert.Equal(VersionFields, item.EnumerateObject().Select(p => p.Name));
        foreach (var field in VersionFields.Where(f => !f.StartsWith("Gmt", StringComparison.Ordinal)))
        {
            Assert.Equal(JsonValueKind.String, item.GetProperty(field).ValueKind);
        }

        Assert.Equal(id, item.GetProperty("DriverId").GetString());
        Assert.Equal(version, item.GetProperty("DriverVersion").GetString());
        Assert.Equal(state, item.GetProperty("VersionState").GetString());
        AssertValues(full, name => item.GetProperty(name).GetString()!);
        Assert.Equal(JsonValueKind.Number, item.GetProperty("GmtCreateTimestamp").ValueKind);
        Assert.Equal(created, item.GetProperty("GmtCreateTimestamp").GetInt64());
        Assert.Equal(modified, item.GetProperty("GmtModifiedTimestamp").GetInt64());
        Assert.Equal(GmtText(created), item.GetProperty("GmtCreate").GetString());
        Assert.Equal(GmtText(modified), item.GetProperty("GmtModified").GetString());
    }

    private static void AssertVersionXml(XElement item, (string, string)[] full, string id, string version, string state, long created)
    {
        Assert.Equal(VersionFields, item.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(id, item.Element("DriverId")!.Value);
        Assert.Equal(version, item.Element("DriverVersion")!.Value);
        Assert.Equal(state, item.Element("VersionState")!.Value);
        AssertValues(full, name => item.Element(name)!.Value);
        Assert.Equal(created.ToString(CultureInfo.InvariantCulture), item.Element("GmtCreateTimestamp")!.Value);
        Assert.Equal(GmtText(created), item.Element("GmtCreate")!.Value);
    }

    private static void AssertDriverJson(JsonElement d, string id, string name, string protocol, string runtime, string cpuArch, bool isBuiltIn, long created)
    {
        Assert.Equal(id, d.GetProperty("DriverId").GetString());
        Assert.Equal(name, d.GetProperty("DriverName").GetString());
        Assert.Equal(protocol, d.GetProperty("DriverProtocol").GetString());
        Assert.Equal(runtime, d.GetProperty("Runtime").GetString());
        Assert.Equal(cpuArch, d.GetProperty("CpuArch").GetString());
        Assert.Equal(isBuiltIn ? JsonValueKind.True : JsonValueKind.False, d.GetProperty("IsBuiltIn").ValueKind);
        Assert.Equal(JsonValueKind.Number, d.GetProperty("Type").ValueKind);
        Assert.Equal(1, d.GetProperty("Type").GetInt32());
        Assert.Equal(JsonValueKind.Number, d.GetProperty("GmtCreateTimestamp").ValueKind);
        Assert.Equal(created, d.GetProperty("GmtCreateTimestamp").GetInt64());
        Assert.Equal(created, d.GetProperty("GmtModifiedTimestamp").GetInt64());
        Assert.Equal(GmtText(created), d.GetProperty("GmtCreate").GetString());
        Assert.Equal(GmtText(created), d.GetProperty("GmtModified").GetString());
    }

    private static void AssertDriverXml(XElement d, string id, string name, string protocol, string runtime, string cpuArch, string isBuiltIn, long created)
    {
        Assert.Equal(
            [id, name, protocol, runtime, cpuArch, isBuiltIn, "1", created.ToString(CultureInfo.InvariantCulture), created.ToString(CultureInfo.InvariantCulture), GmtText(created), GmtText(created)],
            DriverFields.Select(f => d.Element(f)!.Value));
    }
}
