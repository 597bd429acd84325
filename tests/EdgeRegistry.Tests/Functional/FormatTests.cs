using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>Which format answers: V1's Format parameter (default XML), V3's JSON unless the query asks for XML.</summary>
public sealed class FormatTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task V1_without_Format_answers_XML(string method)
    {
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Method = method, Format = null });

        RpcAssert.Success(response);
        Assert.Equal(RpcAssert.XmlContentType, response.ContentType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><QueryEdgeDriverResponse>", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JSON", true)]
    [InlineData("json", true)]
    [InlineData("Json", true)]
    [InlineData("XML", false)]
    [InlineData("xml", false)]
    public async Task V1_Format_is_case_insensitive(string format, bool json)
    {
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Format = format });

        RpcAssert.Success(response);
        Assert.Equal(json ? RpcAssert.JsonContentType : RpcAssert.XmlContentType, response.ContentType);
        Assert.Equal(json, response.IsJson);
    }

    [Fact]
    public async Task V3_answers_JSON_by_default()
    {
        var response = await _client.V3Async("QueryEdgeDriver", OneDriverPage);

        RpcAssert.Success(response);
        Assert.Equal(RpcAssert.JsonContentType, response.ContentType);
        Assert.StartsWith("{\"RequestId\":", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XML")]
    [InlineData("xml")]
    public async Task V3_with_Format_XML_in_the_query_answers_XML(string format)
    {
        var response = await _client.V3Async("QueryEdgeDriver", [.. OneDriverPage, new("Format", format)]);

        RpcAssert.Success(response);
        Assert.Equal(RpcAssert.XmlContentType, response.ContentType);
        Assert.Equal("QueryEdgeDriverResponse", response.XmlRoot.Name.LocalName);
    }

    [Fact]
    public async Task V3_with_Format_JSON_in_the_query_answers_JSON()
    {
        var response = await _client.V3Async("QueryEdgeDriver", [.. OneDriverPage, new("Format", "JSON")]);

        RpcAssert.Success(response);
        Assert.True(response.IsJson);
    }

    [Fact]
    public async Task V1_Format_yaml_is_InvalidParameter_Format_answered_in_XML()
    {
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Format = "yaml" });

        var message = RpcAssert.GatewayError(response, 400, "InvalidParameter.Format");
        Assert.Contains("yaml", message, StringComparison.Ordinal);
        Assert.Equal("Error", response.XmlRoot.Name.LocalName);
    }

    [Fact]
    public async Task V3_Format_yaml_is_InvalidParameter_Format_answered_in_JSON()
    {
        var response = await _client.V3Async("QueryEdgeDriver", [.. OneDriverPage, new("Format", "yaml")]);

        RpcAssert.GatewayError(response, 400, "InvalidParameter.Format");
        Assert.True(response.IsJson);
    }

    [Fact]
    public async Task V1_Format_yaml_is_refused_even_on_an_unsigned_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/?Action=QueryEdgeDriver&Format=yaml", UriKind.Relative));

        RpcAssert.GatewayError(await _client.SendAsync(request), 400, "InvalidParameter.Format");
    }

    [Fact]
    public async Task Gateway_errors_in_XML_are_an_Error_document()
    {
        var response = await _client.V1Async("Foo", [], new V1Options { Format = null });

        RpcAssert.GatewayError(response, 404, "InvalidAction.NotFound");
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>", response.Body, StringComparison.Ordinal);
        Assert.Equal(["RequestId", "HostId", "Code", "Message", "Recommend"], response.XmlRoot.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task Gateway_errors_in_JSON_have_their_fields_in_order()
    {
        var response = await _client.CallAsync("Foo");

        RpcAssert.GatewayError(response, 404, "InvalidAction.NotFound");
        Assert.StartsWith("{\"RequestId\":\"" + response.RequestIdHeader + "\",\"HostId\":\"" + _client.Host + "\",\"Code\":", response.Body,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task Business_errors_answer_in_the_asked_format(string format)
    {
        var response = await _client.V1Async("DeleteEdgeDriver", [new("DriverId", "0123456789abcdef0123456789abcdef")], new V1Options { Format = format });

        RpcAssert.BusinessError(response, "iot.edge.DriverNotExist", "DeleteEdgeDriver");
        Assert.Equal(format == "JSON", response.IsJson);
        if (format == "XML")
        {
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteEdgeDriverResponse>", response.Body, StringComparison.Ordinal);
        }
    }
}
