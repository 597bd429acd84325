using System.Net;
using System.Text;

namespace EdgeRegistry.Rpc;

/// <summary>
/// The page a gateway error's <c>Recommend</c> links to: this server's own list of error codes, so the link works
/// offline, where EdgeRegistry usually runs.
/// </summary>
public static class ErrorDocs
{
    public const string Path = "/docs/errors";

    private static readonly (string Code, string Status, string When)[] Codes =
    [
        ("MissingParameter", "400", "A common parameter (Action, Version, AccessKeyId, Signature…, or a V3 x-acs-* header) is absent."),
        ("Missing<Name>", "400", "A required operation parameter is absent or empty, e.g. MissingDriverId."),
        ("InvalidParameter", "400", "A parameter has the wrong type, is given twice, is not a parameter of any Iot action, or holds a character XML cannot carry; or the request body is too large or malformed."),
        ("InvalidParameter.Format", "400", "Format is neither JSON nor XML."),
        ("InvalidVersion", "400", "Version is not 2018-01-20."),
        ("InvalidAction.NotFound", "404", "The Action is not an action of the Iot API."),
        ("UnsupportedOperation", "501", "The Action belongs to the Iot API but EdgeRegistry does not implement it yet."),
        ("InvalidAccessKeyId.NotFound", "404", "No such AccessKeyId."),
        ("InvalidAccessKeyId.Inactive", "400", "The AccessKey is disabled."),
        ("InvalidTimeStamp.Format", "400", "Timestamp / x-acs-date is not UTC yyyy-MM-ddTHH:mm:ssZ."),
        ("InvalidTimeStamp.Expired", "400", "The timestamp is more than 15 minutes from the server's clock."),
        ("SignatureNonceUsed", "400", "The nonce was used by this AccessKey within the last 15 minutes."),
        ("IncompleteSignature", "400", "Signature parts are missing or malformed, or the method or algorithm is not supported."),
        ("SignatureDoesNotMatch", "400", "The signature is wrong, usually a wrong secret; the message carries the server's string to sign."),
        ("InvalidSecurityToken.Malformed", "400", "An STS SecurityToken was sent; EdgeRegistry issues none."),
        ("RequestTimeout", "408", "The request body came slower than the server's minimum data rate; nothing was done, send it again."),
        ("ServiceUnavailable", "503", "The database or Redis that the server's replicas share did not answer in time; nothing was done, send it again."),
        ("InternalError", "500", "A bug; the server log has it under the RequestId."),
    ];

    public static string LinkFor(HttpRequest request, string code) =>
        $"{request.Scheme}://{request.Host}{Path}#{code}";

    public static IResult Page()
    {
        var html = new StringBuilder("<!doctype html><meta charset=\"utf-8\"><title>EdgeRegistry error codes</title>")
            .Append("<h1>EdgeRegistry gateway error codes</h1><table><tr><th>Code</th><th>HTTP</th><th>When</th></tr>");
        foreach (var (code, status, when) in Codes)
        {
            var encoded = WebUtility.HtmlEncode(code);
            html.Append($"<tr id=\"{encoded}\"><td><code>{encoded}</code></td><td>{status}</td><td>{WebUtility.HtmlEncode(when)}</td></tr>");
        }

        return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
    }
}
