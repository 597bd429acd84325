// Not EdgeRegistry.Console (the folder): that namespace would shadow System.Console in every EdgeRegistry.* file.
namespace EdgeRegistry.WebConsole;

/// <summary>
/// The console's response headers. The page holds an AccessKey secret in sessionStorage, so it must run no script
/// but its own files, talk to no origin but this server, and never be framed.
/// </summary>
public static class ConsoleHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Revalidated on every load (ETag), so an upgraded server never runs a mix of old and new modules.
        headers.CacheControl = "no-cache";
    }
}
