using System.Xml.Linq;

namespace EdgeRegistry.Packages;

/// <summary>Errors of the object URLs in the shape OSS answers them: XML with Code, Message, RequestId and HostId.</summary>
public static class OssErrors
{
    public static IResult Write(HttpContext http, int status, string code, string message)
    {
        // The request log gave the request its id already; the body repeats it so that a report can be matched to the line.
        var requestId = http.Response.Headers["x-oss-request-id"] is { Count: > 0 } logged ? logged.ToString() : Guid.NewGuid().ToString("N").ToUpperInvariant();
        http.Response.Headers["x-oss-request-id"] = requestId;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var body = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("Error",
                new XElement("Code", code),
                new XElement("Message", message),
                new XElement("RequestId", requestId),
                new XElement("HostId", http.Request.Host.Value ?? "")));
        return Results.Text(body.Declaration + "\n" + body.Root, "application/xml", System.Text.Encoding.UTF8, status);
    }

    public static IResult ForLink(HttpContext http, LinkCheck check) => check switch
    {
        LinkCheck.Unsigned => Write(http, 403, "AccessDenied",
            "This object is not public: use a presigned link, which carries Expires, OSSAccessKeyId and Signature."),
        LinkCheck.Expired => Write(http, 403, "AccessDenied", "Request has expired: the presigned link is past its Expires time."),
        LinkCheck.UnknownKey => Write(http, 403, "AccessDenied", "The OSSAccessKeyId of the link is not this server's link key."),
        _ => Write(http, 403, "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided: the link was altered, is for another object, or for another method."),
    };
}
