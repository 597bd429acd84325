using System.Xml.Linq;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>The answers of the object URLs, in the shapes OSS gives them.</summary>
public static class OssAssert
{
    /// <summary>
    /// An OSS-style error: the status, an XML <c>&lt;Error&gt;</c> with Code, Message, RequestId and HostId, the
    /// request id also as <c>x-oss-request-id</c>; returns the Message.
    /// </summary>
    public static string Error(ObjectResponse response, int status, string code, string? messagePart = null)
    {
        Assert.True(response.Status == status, $"Expected HTTP {status} {code}, got {response}");
        Assert.StartsWith("application/xml", response.Header("content-type"), StringComparison.Ordinal);
        var root = XDocument.Parse(response.Text).Root!;
        Assert.Equal("Error", root.Name.LocalName);
        Assert.Equal(["Code", "Message", "RequestId", "HostId"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(code, root.Element("Code")!.Value);
        var requestId = root.Element("RequestId")!.Value;
        Assert.Matches("^[0-9A-F]{32}$", requestId);
        Assert.Equal(requestId, response.Header("x-oss-request-id"));
        Assert.Matches(@"^127\.0\.0\.1:\d+$", root.Element("HostId")!.Value);
        var message = root.Element("Message")!.Value;
        Assert.False(string.IsNullOrWhiteSpace(message));
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, message, StringComparison.OrdinalIgnoreCase);
        }

        return message;
    }

    /// <summary>A whole object: 200, the bytes, their length, ETag (quoted upper-case MD5) and SHA-256.</summary>
    public static void Object(ObjectResponse response, byte[] expected, string contentType = "application/octet-stream")
    {
        Assert.True(response.Status == 200, $"Expected the object, got {response}");
        Assert.Equal(PackageCalls.Sha256Hex(expected), PackageCalls.Sha256Hex(response.Body));
        Assert.Equal(expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("content-length"));
        Assert.Equal(PackageCalls.ETagOf(expected), response.Header("etag"));
        Assert.Equal(PackageCalls.Sha256Hex(expected), response.Header("x-oss-hash-sha256"));
        Assert.Equal(contentType, response.Header("content-type"));
    }
}
