using System.Text.Json.Nodes;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// README "JSON parameters": an empty value means "not set" and is returned as "". A version given every optional
/// parameter explicitly empty is accepted (no JSON parse of "") and reads back exactly like one that left them out,
/// in JSON and XML; an update with empty values clears what was set.
/// </summary>
public sealed class ExplicitEmptyParameterTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] Optional = ["Description", "SourceConfig", "DriverConfig", "ContainerConfig", "ConfigCheckRule", "Argument"];

    private readonly RpcTestClient _client = fixture.Client;

    private static (string Name, string Value)[] AllEmpty => [.. Optional.Select(name => (name, ""))];

    [Fact]
    public async Task Every_optional_parameter_given_empty_reads_back_like_one_left_out()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "left-out");
        RpcAssert.Success(await _client.CallAsync("CreateEdgeDriverVersion", [("DriverId", id), ("DriverVersion", "given-empty"), ("EdgeVersion", "2.4.0"), .. AllEmpty]));
        RpcAssert.Success(await _client.V3Async("CreateEdgeDriverVersion",
            [new("DriverId", id), new("DriverVersion", "given-empty-v3"), new("EdgeVersion", "2.4.0"), .. Optional.Select(n => new KeyValuePair<string, string>(n, ""))]));

        var leftOut = await _client.FindVersionAsync(id, "left-out");
        Assert.All(Optional, name => Assert.Equal("", leftOut.GetProperty(name).GetString()));
        foreach (var version in new[] { "given-empty", "given-empty-v3" })
        {
            Assert.Equal(WithoutName(leftOut.GetRawText()), WithoutName((await _client.FindVersionAsync(id, version)).GetRawText()));
            var got = RpcAssert.Success(await _client.CallAsync("GetEdgeDriverVersion", ("DriverId", id), ("DriverVersion", version))).Data;
            Assert.All(Optional, name => Assert.Equal("", got.GetProperty(name).GetString()));
        }

        var xml = await _client.V1Async("QueryEdgeDriverVersion", [new("DriverId", id), new("CurrentPage", "1"), new("PageSize", "10")], new V1Options { Format = "XML" });
        var items = xml.XmlRoot.Element("Data")!.Element("DriverVersionList")!.Elements().ToDictionary(e => e.Element("DriverVersion")!.Value);
        Assert.All(Optional, name => Assert.Equal(items["left-out"].Element(name)!.ToString(), items["given-empty"].Element(name)!.ToString()));
    }

    [Fact]
    public async Task An_update_with_empty_values_clears_what_was_set()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0", ("Description", "set"), ("DriverConfig", "[{\"format\":\"KV\",\"content\":\"a=1\"}]"),
            ("ContainerConfig", "{\"privileged\":1}"), ("ConfigCheckRule", "{\"deviceConfig\":{\"required\":true}}"), ("Argument", "-v"),
            ("SourceConfig", "{\"note\":\"no package\"}"));

        RpcAssert.Success(await _client.CallAsync("UpdateEdgeDriverVersion", [("DriverId", id), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0"), .. AllEmpty]));

        var version = await _client.FindVersionAsync(id, "1.0");
        Assert.All(Optional, name => Assert.Equal("", version.GetProperty(name).GetString()));
    }

    private static string WithoutName(string version)
    {
        var node = JsonNode.Parse(version)!.AsObject();
        node.Remove("DriverVersion");
        return node.ToJsonString();
    }
}
