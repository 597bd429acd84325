using EdgeRegistry.Packages;

namespace EdgeRegistry.Rpc;

/// <summary>
/// The answer for a served path asked with a method it does not take (PUT /, POST /oss/…): routing's 405 endpoint
/// only sets the status and <c>Allow</c>, so an empty 405 would leave a client guessing. The object URLs answer
/// OSS's 405 MethodNotAllowed in XML, everything else a gateway error in Alibaba's JSON shape; <c>Allow</c> stays.
/// The admin API needs nothing here: its fallback route answers every method in its own shape.
/// </summary>
public static class WrongMethod
{
    public static void Use(WebApplication app) =>
        app.Use(async (http, next) =>
        {
            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !http.Response.HasStarted)
            {
                await AnswerAsync(http);
            }
        });

    private static Task AnswerAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "";
        var allow = http.Response.Headers.Allow.ToString();
        if (path.StartsWith(PackageLinks.PathPrefix, StringComparison.Ordinal))
        {
            return OssErrors.Write(http, 405, "MethodNotAllowed", $"The specified method is not allowed against this resource: {ClientText.Quote(method)} here; allowed: {allow}.")
                .ExecuteAsync(http);
        }

        return UnknownPath.WriteGatewayErrorAsync(http, RpcErrors.UnsupportedHttpMethod(method, path, allow).Error);
    }
}
