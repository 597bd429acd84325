namespace EdgeRegistry.Rpc;

/// <summary>
/// The answer for a path the server does not serve: a gateway error in Alibaba's JSON shape (404
/// <c>InvalidPath.NotFound</c>) rather than an empty 404, so that a client pointed at the wrong URL learns why.
/// Middleware at the end of the pipeline rather than a fallback route: a fallback endpoint would be chosen for
/// <c>/console/…</c> too, and the console's static files are only served to requests no endpoint matched. A served
/// path asked with a method it does not take (PUT /) is <see cref="WrongMethod"/>'s.
/// </summary>
public static class UnknownPath
{
    public static void Use(WebApplication app) =>
        app.Use((http, next) => http.GetEndpoint() is null ? AnswerAsync(http) : next(http));

    private static Task AnswerAsync(HttpContext http) =>
        WriteGatewayErrorAsync(http, RpcErrors.InvalidPath(http.Request.Method, http.Request.Path.Value ?? "").Error);

    /// <summary>Writes a gateway error for a request the RPC pipeline never saw, with the request log's id.</summary>
    public static Task WriteGatewayErrorAsync(HttpContext http, RpcError error)
    {
        // The request log gave the request its id already; the body repeats it so that a report can be matched to the line.
        var requestId = http.Response.Headers[Hosting.HttpRequestLog.AdminRequestIdHeader] is { Count: > 0 } logged
            ? logged.ToString()
            : Guid.NewGuid().ToString().ToUpperInvariant();
        http.Response.Headers["x-acs-request-id"] = requestId;
        return http.RequestServices.GetRequiredService<RpcResponseWriter>().WriteErrorAsync(http.Response, WireFormat.Json, null, requestId, error);
    }
}
