using System.Net;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>The three answer shapes of api.md sections 3–4, asserted field by field.</summary>
public static class RpcAssert
{
    public const string JsonContentType = "application/json;charset=utf-8";
    public const string XmlContentType = "text/xml;charset=utf-8";

    /// <summary>HTTP 200, <c>Success</c> true, <c>Code</c> Success, and no ErrorMessage.</summary>
    public static RpcResponse Success(RpcResponse response)
    {
        Assert.True(response.Status == HttpStatusCode.OK && response.Code == "Success", $"Expected success, got {response}");
        Assert.Equal("true", response.Field("Success"));
        Assert.Null(response.Field("ErrorMessage"));
        Assert.Equal(["RequestId", "Success", "Code"], response.FieldNames.Take(3));
        return response;
    }

    /// <summary>
    /// A business error: HTTP 200, exactly <c>RequestId, Success:false, Code, ErrorMessage</c> (no Message), under
    /// <c>&lt;{Action}Response&gt;</c> in XML.
    /// </summary>
    public static string BusinessError(RpcResponse response, string code, string? action = null)
    {
        Assert.True(response.Status == HttpStatusCode.OK && response.Code == code, $"Expected business error {code}, got {response}");
        Assert.Equal(["RequestId", "Success", "Code", "ErrorMessage"], response.FieldNames);
        Assert.Equal("false", response.Field("Success"));
        if (response.IsJson)
        {
            Assert.Equal(JsonContentType, response.ContentType);
            Assert.Equal(System.Text.Json.JsonValueKind.False, response.Root.GetProperty("Success").ValueKind);
        }
        else
        {
            Assert.Equal(XmlContentType, response.ContentType);
            if (action is not null)
            {
                Assert.Equal(action + "Response", response.XmlRoot.Name.LocalName);
            }
        }

        var message = response.Field("ErrorMessage");
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    /// <summary>
    /// A gateway error: the status, and exactly <c>RequestId, HostId, Code, Message, Recommend</c> in that order
    /// (JSON object or XML <c>&lt;Error&gt;</c>); HostId is the Host header and Recommend links to the code's entry.
    /// </summary>
    public static string GatewayError(RpcResponse response, int status, string code, string? message = null)
    {
        Assert.True(response.StatusCode == status && response.Code == code, $"Expected HTTP {status} {code}, got {response}");
        Assert.Equal(["RequestId", "HostId", "Code", "Message", "Recommend"], response.FieldNames);
        if (response.IsJson)
        {
            Assert.Equal(JsonContentType, response.ContentType);
        }
        else
        {
            Assert.Equal(XmlContentType, response.ContentType);
            Assert.Equal("Error", response.XmlRoot.Name.LocalName);
        }

        Assert.Matches(@"^127\.0\.0\.1:\d+$", response.Field("HostId"));
        Assert.EndsWith("/docs/errors#" + EdgeRegistry.Rpc.ErrorDocs.AnchorFor(code), response.Field("Recommend"), StringComparison.Ordinal);
        Assert.StartsWith("http://" + response.Field("HostId") + "/", response.Field("Recommend"), StringComparison.Ordinal);
        var actual = response.Field("Message")!;
        if (message is not null)
        {
            Assert.Equal(message, actual);
        }

        Assert.False(string.IsNullOrWhiteSpace(actual));
        return actual;
    }

    public static string MissingParameter(RpcResponse response, string name) =>
        GatewayError(response, 400, "MissingParameter",
            $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.");

    public static string MissingOperationParameter(RpcResponse response, string name) =>
        GatewayError(response, 400, "Missing" + name, $"{name} is mandatory for this action.");

    public static string InvalidParam(RpcResponse response, params string[] messageParts)
    {
        var message = BusinessError(response, "iot.common.InvalidParam");
        foreach (var part in messageParts)
        {
            Assert.Contains(part, message, StringComparison.Ordinal);
        }

        return message;
    }

    public static string SizeLimit(RpcResponse response, string name, int size, int limit)
    {
        var message = BusinessError(response, "iot.common.ParameterSizeLimit");
        Assert.Equal($"{name} is {size} long; the limit is {limit}.", message);
        return message;
    }
}
