using System.Net;

namespace EdgeRegistry.Cli.Admin.Client;

/// <summary>A non-2xx answer from the admin API, with the error body's code and message when it had one.</summary>
public sealed class AdminApiException(HttpStatusCode status, string? code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The API's error code, e.g. <c>AccountNotFound</c>; null when the body had none.</summary>
    public string? Code { get; } = code;
}
