using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// A JSON parameter is plain text on the wire, but its escapes can spell what its text cannot carry: <c>\ud800</c>
/// alone, <c>\u0000</c>, <c>\uffff</c>. Once decoded no such character can be answered in XML, and a lone surrogate
/// cannot even be decoded, so each is refused when written (iot.common.InvalidParam naming the path), from Create and
/// Update alike, in any string or property name, known field or not, and inside the JSON content of a DriverConfig item.
/// Before, some were stored (and every later read of the version failed) and the rest answered SystemException.
/// </summary>
public sealed class JsonEscapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>Stands for the OssAddress of a package uploaded for the driver.</summary>
    private const string Package = "$PACKAGE";

    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Version(string action, string driverId, string version, params (string Name, string Value)[] more) =>
        _client.CallAsync(action, [("DriverId", driverId), ("DriverVersion", version), ("EdgeVersion", "2.4.0"), .. more]);

    public static TheoryData<string, string, string> Refused => new()
    {
        { "SourceConfig", $$"""{"ossAddress":"{{Package}}","note":"\ud800"}""", "SourceConfig.note" },
        { "SourceConfig", """{"ossAddress":"\ud800"}""", "SourceConfig.ossAddress" },
        { "SourceConfig", $$"""{"ossAddress":"{{Package}}","\udc00":1}""", "SourceConfig" },
        { "SourceConfig", $$"""{"ossAddress":"{{Package}}","a":["ok",{"b":"x\ud800\u0041"}]}""", "SourceConfig.a[1].b" },
        { "SourceConfig", """{"note":"\u0000"}""", "SourceConfig.note" },
        { "SourceConfig", """{"note":"a\u001fb"}""", "SourceConfig.note" },
        { "SourceConfig", """{"note":"\uffff"}""", "SourceConfig.note" },
        { "SourceConfig", """{"note":"\ude00\ud83d"}""", "SourceConfig.note" },
        { "DriverConfig", """[{"format":"KV","content":"\ud800"}]""", "DriverConfig[0].content" },
        { "DriverConfig", """{"format":"KV","content":"a=\u0001"}""", "DriverConfig.content" },
        { "DriverConfig", """[{"format":"FILE","content":"https://h/\udbff"}]""", "DriverConfig[0].content" },
        { "DriverConfig", """[{"format":"KV","content":"a=1","extra":"\u0008"}]""", "DriverConfig[0].extra" },
        { "DriverConfig", """[{"format":"JSON","content":"{\"k\":\"\\ud800\"}"}]""", "DriverConfig[0].content (as JSON).k" },
        { "DriverConfig", """[{"format":"JSON","content":"[\"\\u0000\"]"}]""", "DriverConfig[0].content (as JSON)[0]" },
        { "ContainerConfig", """{"devMappings":[{"hostPath":"/dev/ttyS0","permission":"rw","comment":"\ud800"}]}""", "ContainerConfig.devMappings[0].comment" },
        { "ContainerConfig", """{"portMappings":[{"hostPort":1,"containerPort":1,"protocol":"\u0000tcp"}]}""", "ContainerConfig.portMappings[0].protocol" },
        { "ContainerConfig", """{"newerField":{"x":"\u000b"}}""", "ContainerConfig.newerField.x" },
        { "ConfigCheckRule", """{"deviceConfig":{"required":true},"note":"\udfff"}""", "ConfigCheckRule.note" },
        { "ConfigCheckRule", """{"\u0000":{}}""", "ConfigCheckRule" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_escape_of_a_character_XML_cannot_carry_is_refused_by_Create_and_Update(string name, string json, string path)
    {
        var id = await _client.CreateDriverAsync();
        var value = json.Replace(Package, await _client.UploadPackageAsync(id, "new"), StringComparison.Ordinal);
        await _client.CreateVersionAsync(id, "existing", ("Description", "kept"));

        var created = await Version("CreateEdgeDriverVersion", id, "new", (name, value));
        var updated = await Version("UpdateEdgeDriverVersion", id, "existing", (name, value));

        var message = RpcAssert.InvalidParam(created, path, "once its JSON escapes are decoded");
        Assert.Equal(message, RpcAssert.InvalidParam(updated));
        Assert.Equal(["existing"], await _client.AllVersionsAsync(id));
        Assert.Equal("kept", (await _client.FindVersionAsync(id, "existing")).GetProperty("Description").GetString());
    }

    [Fact]
    public async Task The_message_names_the_character_as_an_escape()
    {
        var id = await _client.CreateDriverAsync();

        var response = await Version("CreateEdgeDriverVersion", id, "1.0", ("SourceConfig", """{"note":"ab\ud800"}"""));

        RpcAssert.InvalidParam(response, "SourceConfig.note", "\\ud800", "position 2");
    }

    [Theory]
    [InlineData("SourceConfig", """{"note":"\ud83d\ude00 \t\n\r \u00e9 \/ \"q\" \\"}""")]
    [InlineData("DriverConfig", """[{"format":"JSON","content":"{\"k\":\"\\ud83d\\ude00\\t\"}"},{"format":"KV","content":"\u4e2d\u6587"}]""")]
    [InlineData("ContainerConfig", """{"devMappings":[{"hostPath":"/dev/ttyS0","permission":"rw","comment":"\ud83d\ude00\t"}]}""")]
    [InlineData("ConfigCheckRule", """{"\u00e9":"\u000a"}""")]
    public async Task Escapes_of_characters_XML_carries_are_stored_as_given(string name, string value)
    {
        var id = await _client.CreateDriverAsync();

        await _client.CreateVersionAsync(id, "1.0", (name, value));

        Assert.Equal(value, (await _client.FindVersionAsync(id, "1.0")).GetProperty(name).GetString());
    }
}
