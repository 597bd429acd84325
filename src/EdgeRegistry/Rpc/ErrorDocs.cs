using System.Net;
using System.Text;

namespace EdgeRegistry.Rpc;

/// <summary>
/// The page a gateway error's <c>Recommend</c> links to: this server's own list of error codes, so the link works
/// offline, where EdgeRegistry usually runs. Its rows are <see cref="ErrorCatalog.All"/>; the text here only says when
/// each code is answered, and a code without it is a failing test, not a missing row.
/// </summary>
public static class ErrorDocs
{
    public const string Path = "/docs/errors";

    /// <summary>The one anchor every Missing&lt;Name&gt; code links to (MissingDriverId, MissingDriverVersion, …).</summary>
    public const string MissingNameAnchor = "Missing-Name";

    public static readonly IReadOnlyDictionary<string, string> When = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MissingParameter"] = "A common parameter (Action, Version, AccessKeyId, Signature…, or a V3 x-acs-* header) is absent.",
        ["Missing<Name>"] = "A required operation parameter is absent or empty, e.g. MissingDriverId.",
        ["InvalidParameter"] = "A parameter has the wrong type, is given twice, is not a parameter of any Iot action, or holds a character XML cannot carry; or the request body is malformed.",
        ["InvalidParameter.Format"] = "Format is neither JSON nor XML.",
        ["InvalidParameter.TooMany"] = $"The request has more than {RequestLimits.MaxParameters} parameters (query and body together); refused before any is decoded.",
        ["Request.UrlTooLong"] = $"The query string is longer than {RequestLimits.MaxEncodedBytes} bytes (four 64 KiB JSON values percent-encoded, and room to spare). A request line past {RequestLimits.MaxRequestLineBytes} bytes is refused by the HTTP server itself with a bare 414.",
        ["Request.BodyTooLarge"] = $"The request body is larger than {RequestLimits.MaxEncodedBytes} bytes; refused as soon as it passes the limit.",
        ["InvalidPath.NotFound"] = "The path is not one the server serves: the Iot API is at /, packages under /oss/, the admin API under /admin/, the console at /console/, probes at /health/live and /health/ready, this page at /docs/errors.",
        ["UnsupportedHTTPMethod"] = "The path is served, but not with this method (PUT / or DELETE /: the Iot API takes GET and POST); the Allow header lists the methods it takes. The object URLs answer OSS's 405 MethodNotAllowed in XML instead.",
        ["InvalidVersion"] = "Version is not 2018-01-20.",
        ["InvalidAction.NotFound"] = "The Action is not an action of the Iot API.",
        ["UnsupportedOperation"] = "The Action belongs to the Iot API but EdgeRegistry does not implement it yet.",
        ["InvalidAccessKeyId.NotFound"] = "No such AccessKeyId.",
        ["InvalidAccessKeyId.Inactive"] = "The AccessKey is disabled.",
        ["InvalidTimeStamp.Format"] = "Timestamp / x-acs-date is not UTC yyyy-MM-ddTHH:mm:ssZ.",
        ["InvalidTimeStamp.Expired"] = "The timestamp is more than 15 minutes from the server's clock.",
        ["SignatureNonceUsed"] = "The nonce was used by this AccessKey within the last 15 minutes.",
        ["IncompleteSignature"] = "Signature parts are missing or malformed, or the method or algorithm is not supported.",
        ["SignatureDoesNotMatch"] = "The signature is wrong, usually a wrong secret; the message carries the server's string to sign.",
        ["InvalidSecurityToken.Malformed"] = "An STS SecurityToken was sent; EdgeRegistry issues none.",
        ["Throttling.User"] = "The account's quota for this Action is used up for now; Retry-After says when to try again.",
        ["Forbidden.RAM"] = "A RAM user's policies do not allow iot:<Action> (or one denies it).",
        ["RequestTimeout"] = "The request body came slower than the server's minimum data rate; nothing was done, send it again.",
        ["ServiceUnavailable"] = "The database or Redis that the server's replicas share did not answer in time; nothing was done, send it again.",
        ["InternalError"] = "A bug; the server log has it under the RequestId.",
        ["iot.common.InvalidParam"] = "A value is out of range or malformed; ErrorMessage names the parameter and the rule.",
        ["iot.common.InvalidPageParams"] = "CurrentPage is below 1 or PageSize is not 1 to 30.",
        ["iot.common.ParameterSizeLimit"] = "A value (or a list) is longer than its limit; ErrorMessage gives both sizes.",
        ["iot.common.StorageQuotaExceeded"] = "The account's package bytes have reached its storage limit (set by the operator): no new upload link until packages are deleted or the limit is raised.",
        ["iot.system.InstanceNotFound"] = "The IotInstanceId names no instance of this account.",
        ["iot.edge.DriverNotExist"] = "No driver with this DriverId in this instance.",
        ["iot.edge.DriverNameExist"] = "A driver with this DriverName already exists in this instance.",
        ["iot.edge.DriverVersionNotExist"] = "No such version of this driver.",
        ["iot.edge.DriverVersionExist"] = "This driver already has a version of that name.",
        ["iot.edge.DriverVersionPublished"] = "The version is published: it can no longer be changed or deleted.",
        ["iot.edge.DriverHasPublishedVersion"] = "The driver has a published version and cannot be deleted.",
        ["iot.system.SystemException"] = "The operation failed because of a bug; the server log has it under the RequestId.",
    };

    private static readonly Lazy<string> Html = new(Render);

    /// <summary>The anchor of a code on the page: its own, except the Missing&lt;Name&gt; family, which shares one.</summary>
    public static string AnchorFor(string code) =>
        code.StartsWith("Missing", StringComparison.Ordinal) && code != "MissingParameter" ? MissingNameAnchor : code;

    public static string LinkFor(HttpRequest request, string code) =>
        $"{request.Scheme}://{request.Host}{Path}#{AnchorFor(code)}";

    public static IResult Page() => Results.Content(Html.Value, "text/html; charset=utf-8");

    private static string Render()
    {
        var html = new StringBuilder("<!doctype html><meta charset=\"utf-8\"><title>EdgeRegistry error codes</title>")
            .Append("<h1>EdgeRegistry error codes</h1>")
            .Append("<p>Gateway errors answer with their HTTP status and an Error body (Code, Message, Recommend); business errors ")
            .Append("answer HTTP 200 with Success false and Code iot.*.</p>")
            .Append("<table><tr><th>Code</th><th>Kind</th><th>HTTP</th><th>When</th></tr>");
        foreach (var error in ErrorCatalog.All)
        {
            var code = WebUtility.HtmlEncode(error.Code);
            var when = When.TryGetValue(error.Code, out var text) ? text : error.Message;
            html.Append($"<tr id=\"{WebUtility.HtmlEncode(AnchorFor(error.Code))}\"><td><code>{code}</code></td><td>{error.Kind}</td>")
                .Append($"<td>{error.HttpStatus}</td><td>{WebUtility.HtmlEncode(when)}</td></tr>");
        }

        return html.Append("</table>").ToString();
    }
}
