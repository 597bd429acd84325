namespace EdgeRegistry.Rpc;

/// <summary>
/// The error catalog: one factory per code of api.md section 3, so that a code, its HTTP status and its wording
/// live in one place.
/// </summary>
public static class RpcErrors
{
    // Gateway errors.
    public static RpcException MissingParameter(string name) => Gateway(400, "MissingParameter",
        $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.");

    public static RpcException MissingOperationParameter(string name) => Gateway(400, "Missing" + name,
        $"{name} is mandatory for this action.");

    public static RpcException InvalidParameter(string message) => Gateway(400, "InvalidParameter", message);

    /// <summary>The query string is longer than any Iot call needs (414: the URI, not a parameter, is at fault).</summary>
    public static RpcException UrlTooLong(int limit) => Gateway(414, "Request.UrlTooLong",
        $"The request URL's query string is longer than {limit} bytes; no Iot action needs more. Send large values in a form body.");

    /// <summary>The body is larger than any Iot call needs; refused as soon as it passes the limit.</summary>
    public static RpcException BodyTooLarge(int limit) => Gateway(413, "Request.BodyTooLarge",
        $"The request body is larger than {limit} bytes; no Iot action needs more.");

    /// <summary>More parameters than any Iot call has; counted on the raw text, before any is decoded.</summary>
    public static RpcException TooManyParameters(int limit) => Gateway(400, "InvalidParameter.TooMany",
        $"The request has more than {limit} parameters (query and body together); no Iot action needs more.");

    public static RpcException InvalidFormat(string value) => Gateway(400, "InvalidParameter.Format",
        $"Specified parameter Format \"{ClientText.Quote(value)}\" is not valid; use JSON or XML.");

    public static RpcException InvalidPath(string method, string path) => Gateway(404, "InvalidPath.NotFound",
        $"{ClientText.Quote(method)} {ClientText.Quote(path)} is not served here: the Iot API is at / (GET or POST), packages under /oss/, the admin API under /admin/, the console at /console/.");

    /// <summary>A served path asked with a method it does not take; <paramref name="allow"/> is routing's Allow header.</summary>
    public static RpcException UnsupportedHttpMethod(string method, string path, string allow) => Gateway(405, "UnsupportedHTTPMethod",
        $"{ClientText.Quote(method)} {ClientText.Quote(path)} is not served with this method; allowed: {allow}.");

    public static RpcException InvalidVersion() => Gateway(400, "InvalidVersion", "Specified parameter Version is not valid.");

    public static RpcException ActionNotFound() => Gateway(404, "InvalidAction.NotFound",
        "Specified api is not found, please check your url and method.");

    public static RpcException UnsupportedOperation(string action, IEnumerable<string> supported) => Gateway(501, "UnsupportedOperation",
        $"The action {action} is not supported by EdgeRegistry yet. Supported actions: {string.Join(", ", supported)}.");

    public static RpcException AccessKeyNotFound() => Gateway(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");

    public static RpcException AccessKeyInactive() => Gateway(400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.");

    public static RpcException TimestampFormat(string name) => Gateway(400, "InvalidTimeStamp.Format",
        $"Specified time stamp or date value is not well formatted: {name} must be UTC yyyy-MM-ddTHH:mm:ssZ.");

    public static RpcException TimestampExpired() => Gateway(400, "InvalidTimeStamp.Expired",
        "Specified time stamp or date value is expired: it must be within 15 minutes of the server's time.");

    public static RpcException NonceUsed() => Gateway(400, "SignatureNonceUsed", "Specified signature nonce was used already.");

    public static RpcException IncompleteSignature(string message) => Gateway(400, "IncompleteSignature", message);

    public static RpcException SignatureDoesNotMatch(string serverStringToSign) => Gateway(400, "SignatureDoesNotMatch",
        "Specified signature is not matched with our calculation. server string to sign is:" + serverStringToSign);

    public static RpcException InvalidSecurityToken() => Gateway(400, "InvalidSecurityToken.Malformed",
        "Specified SecurityToken is malformed: EdgeRegistry issues no STS tokens; sign with an AccessKey pair.");

    public static RpcException ThrottlingUser(int retryAfterSeconds) => new(new RpcError(RpcErrorKind.Gateway, 400, "Throttling.User",
        "Request was denied due to user flow control.", retryAfterSeconds));

    public static RpcException ForbiddenRam() => Gateway(403, "Forbidden.RAM",
        "User not authorized to operate on the specified resource, or this API doesn't support RAM.");

    /// <summary>
    /// The body came slower than Kestrel's minimum data rate. 408 rather than 400: the request was not wrong, it was
    /// incomplete, nothing ran, and sending it again is safe — which is what 408 tells clients and proxies.
    /// </summary>
    public static RpcException RequestTimeout() => Gateway(408, "RequestTimeout",
        "The request body did not arrive in time (it came slower than the server's minimum data rate); nothing was done. Send the request again.");

    /// <summary>A backend the server shares with its replicas (database, Redis) is unreachable; the call may be retried.</summary>
    public static RpcException ServiceUnavailable() => Gateway(503, "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server.");

    public static RpcException InternalError() => Gateway(500, "InternalError",
        "The request processing has failed due to some unknown error.");

    // Business errors.
    public static RpcException InvalidParam(string message) => Business("iot.common.InvalidParam", message);

    public static RpcException InvalidPageParams() => Business("iot.common.InvalidPageParams",
        "CurrentPage must be 1 or more and PageSize from 1 to 30.");

    public static RpcException ParameterSizeLimit(string name, int size, int limit) => Business("iot.common.ParameterSizeLimit",
        $"{name} is {size} long; the limit is {limit}.");

    public static RpcException InstanceNotFound() => Business("iot.system.InstanceNotFound",
        "The IotInstanceId names no instance of this account.");

    public static RpcException DriverNotExist() => Business("iot.edge.DriverNotExist", "The driver does not exist.");

    public static RpcException DriverNameExist() => Business("iot.edge.DriverNameExist",
        "A driver with this DriverName already exists in this instance.");

    public static RpcException DriverVersionNotExist() => Business("iot.edge.DriverVersionNotExist", "The driver version does not exist.");

    public static RpcException DriverVersionExist() => Business("iot.edge.DriverVersionExist", "The driver version already exists.");

    public static RpcException DriverVersionPublished() => Business("iot.edge.DriverVersionPublished",
        "The driver version is published; a published version cannot be changed or deleted.");

    public static RpcException DriverHasPublishedVersion() => Business("iot.edge.DriverHasPublishedVersion",
        "The driver has a published version and cannot be deleted.");

    public static RpcException StorageQuotaExceeded(long storedBytes, long limitBytes) => Business("iot.common.StorageQuotaExceeded",
        $"The account stores {storedBytes} bytes of packages, its limit is {limitBytes}: delete versions or drivers, or ask the operator for a higher limit.");

    public static RpcException SystemException() => Business("iot.system.SystemException",
        "The operation failed because of an internal error; it is logged with this RequestId.");

    private static RpcException Gateway(int status, string code, string message) =>
        new(new RpcError(RpcErrorKind.Gateway, status, code, message));

    private static RpcException Business(string code, string message) =>
        new(new RpcError(RpcErrorKind.Business, 200, code, message));
}
