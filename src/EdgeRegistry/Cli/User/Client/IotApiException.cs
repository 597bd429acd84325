using System.Net;

namespace EdgeRegistry.Cli.User.Client;

/// <summary>
/// The Iot API refused a call: a gateway error (HTTP 4xx/5xx with <c>Code</c> and <c>Message</c>) or a business
/// error (HTTP 200, <c>Success</c> false, <c>Code</c> and <c>ErrorMessage</c>).
/// </summary>
public sealed class IotApiException(HttpStatusCode status, string? code, string message, string? requestId) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The API's error code, e.g. <c>iot.edge.DriverNotExist</c>; null when the body had none.</summary>
    public string? Code { get; } = code;

    /// <summary>The id to quote when asking the server's operator what happened.</summary>
    public string? RequestId { get; } = requestId;
}
