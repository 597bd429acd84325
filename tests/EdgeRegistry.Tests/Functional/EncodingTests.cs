using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// Text survives the trip: JSON output carries non-ASCII, <c>=&amp;&lt;&gt;'</c> and emoji raw (no <c>\u</c> escapes,
/// which the old Java SDK mangles); XML escapes what it must and parses back to the same text.
/// </summary>
public sealed class EncodingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Tricky = "中文 é ü =&<>' a+b%20c 😀 end";

    private readonly RpcTestClient _client = fixture.Client;

    private async Task<string> DriverWithDescription(string description)
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0", ("Description", description));
        return id;
    }

    private Task<RpcResponse> Query(string id, string format) =>
        _client.V1Async("QueryEdgeDriverVersion", [new("DriverId", id), new("CurrentPage", "1"), new("PageSize", "1")], new V1Options { Format = format });

    [Fact]
    public async Task JSON_carries_non_ASCII_markup_characters_and_emoji_raw()
    {
        var id = await DriverWithDescription(Tricky);

        var response = RpcAssert.Success(await Query(id, "JSON"));

        Assert.Contains("\"Description\":\"" + Tricky + "\"", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", response.Body, StringComparison.Ordinal);
        Assert.Equal(Tricky, response.Data.GetProperty("DriverVersionList")[0].GetProperty("Description").GetString());
    }

    [Fact]
    public async Task JSON_escapes_only_quotes_backslashes_and_control_characters()
    {
        const string description = "say \"hi\" C:\\dir\ttab\nline";
        var id = await DriverWithDescription(description);

        var response = RpcAssert.Success(await Query(id, "JSON"));

        Assert.Contains("\"Description\":\"say \\\"hi\\\" C:\\\\dir\\ttab\\nline\"", response.Body, StringComparison.Ordinal);
        Assert.Equal(description, response.Data.GetProperty("DriverVersionList")[0].GetProperty("Description").GetString());
    }

    [Fact]
    public async Task JSON_values_in_JSON_parameters_come_back_as_raw_strings()
    {
        var id = await _client.CreateDriverAsync();
        const string config = "[{\"format\":\"JSON\",\"content\":\"{\\\"名\\\":\\\"<&>\\\"}\"}]";
        await _client.CreateVersionAsync(id, "1.0", ("DriverConfig", config));

        var response = RpcAssert.Success(await Query(id, "JSON"));

        Assert.Equal(config, response.Data.GetProperty("DriverVersionList")[0].GetProperty("DriverConfig").GetString());
        Assert.Contains("名", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XML_escapes_markup_and_round_trips()
    {
        const string description = "<tag attr=\"v\">a & b</tag> ]]> 中文 😀 'q'";
        var id = await DriverWithDescription(description);

        var response = RpcAssert.Success(await Query(id, "XML"));

        Assert.Contains("&lt;tag", response.Body, StringComparison.Ordinal);
        Assert.Contains("a &amp; b", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<tag", response.Body, StringComparison.Ordinal);
        Assert.Equal(description, response.XmlRoot.Descendants("Description").Single().Value);
        Assert.Contains("中文 😀", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XML_round_trips_tabs_and_line_breaks()
    {
        const string description = "a\tb\nc\r\nd\re";
        var id = await DriverWithDescription(description);

        var response = RpcAssert.Success(await Query(id, "XML"));

        // A conforming XML parser turns a raw CR into LF; only &#xD; carries a CR through.
        Assert.True(description == response.XmlRoot.Descendants("Description").Single().Value,
            $"The Description did not survive XML. Raw element: {response.Body[response.Body.IndexOf("<Description>", StringComparison.Ordinal)..response.Body.IndexOf("</Description>", StringComparison.Ordinal)].Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}");
    }

    [Fact]
    public async Task Text_sent_over_V3_and_in_a_GET_query_is_stored_unchanged()
    {
        var id = await _client.CreateDriverAsync();

        RpcAssert.Success(await _client.V3Async("CreateEdgeDriverVersion",
            [new("DriverId", id), new("DriverVersion", "v3"), new("EdgeVersion", "2.4.0"), new("Description", Tricky)]));
        RpcAssert.Success(await _client.V1Async("CreateEdgeDriverVersion",
            [new("DriverId", id), new("DriverVersion", "get"), new("EdgeVersion", "2.4.0"), new("Description", Tricky + "!*()~")], new V1Options { Method = "GET" }));

        Assert.Equal(Tricky, (await _client.FindVersionAsync(id, "v3")).GetProperty("Description").GetString());
        Assert.Equal(Tricky + "!*()~", (await _client.FindVersionAsync(id, "get")).GetProperty("Description").GetString());
    }

    [Fact]
    public async Task Error_messages_carrying_user_text_stay_well_formed()
    {
        var id = await _client.CreateDriverAsync();

        var json = await _client.CallAsync("CreateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "1"), ("EdgeVersion", "2.4.0"),
            ("ContainerConfig", "{\"portMappings\":[{\"hostPort\":1,\"containerPort\":1,\"protocol\":\"<&\\\"中>\"}]}"));
        var xml = await _client.V1Async("CreateEdgeDriver", [new("DriverName", "x"), new("DriverProtocol", "<&\"中>"), new("Runtime", "c")], new V1Options { Format = "XML" });

        RpcAssert.InvalidParam(json, "portMappings[0].protocol");
        Assert.Contains("<&\"中>", RpcAssert.InvalidParam(xml, "DriverProtocol"), StringComparison.Ordinal);
    }
}
