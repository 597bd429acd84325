using System.Diagnostics;
using EdgeRegistry.Rpc;

namespace EdgeRegistry.Hosting;

/// <summary>
/// One log line per request that is not an RPC call (the pipeline logs those itself with the Action): the admin API,
/// the object endpoint and paths the server does not serve. Method, path, status, duration and request id — never the
/// query (a presigned link's signature) nor a header (the operator token). Probes, the console's files and the docs
/// page are left out: they would drown the lines that matter.
/// </summary>
public sealed class HttpRequestLog(InFlightRequests inFlight, ILoggerFactory logs)
{
    /// <summary>The header carrying an admin API request's id (the object endpoint uses OSS's x-oss-request-id).</summary>
    public const string AdminRequestIdHeader = "x-request-id";

    private readonly ILogger _log = logs.CreateLogger("EdgeRegistry.Http");

    public static void Use(WebApplication app)
    {
        var requestLog = app.Services.GetRequiredService<HttpRequestLog>();
        app.UseWhen(IsLogged, branch => branch.Use(requestLog.InvokeAsync));
    }

    private static bool IsLogged(HttpContext http)
    {
        var path = http.Request.Path;
        return path.Value != "/"
            && !path.StartsWithSegments("/health", StringComparison.Ordinal)
            && !path.StartsWithSegments("/console", StringComparison.Ordinal)
            && !path.StartsWithSegments("/docs", StringComparison.Ordinal)
            && !path.StartsWithSegments("/metrics", StringComparison.Ordinal);
    }

    private async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        // Set before the endpoint runs, so that an error body carries the same id as the header and this line; each in
        // the style of its surface (OSS: 32 hex digits; elsewhere the RPC API's dashed form).
        var isObject = http.Request.Path.StartsWithSegments("/oss", StringComparison.Ordinal);
        var requestId = isObject ? Guid.NewGuid().ToString("N").ToUpperInvariant() : Guid.NewGuid().ToString().ToUpperInvariant();
        http.Response.Headers[isObject ? "x-oss-request-id" : AdminRequestIdHeader] = requestId;
        var status = RpcPipeline.ClientClosedRequest;
        inFlight.Enter();
        try
        {
            await next(http);
            // An answer to a connection that was aborted (the client left, or shutdown cut it off) reached nobody.
            status = http.RequestAborted.IsCancellationRequested ? RpcPipeline.ClientClosedRequest : http.Response.StatusCode;
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested || e is OperationCanceledException)
        {
            // The client went away (or shutdown cut it off); nobody is left to answer.
        }
        catch
        {
            status = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            inFlight.Exit();
            _log.LogInformation("{Method} {Path} {Status} {ElapsedMs:0.0}ms {RequestId}",
                ClientText.Quote(http.Request.Method), ClientText.Quote(http.Request.Path.Value ?? ""), status,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);
        }
    }
}
