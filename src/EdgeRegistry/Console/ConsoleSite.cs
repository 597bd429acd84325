using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

// Not EdgeRegistry.Console (the folder): that namespace would shadow System.Console in every EdgeRegistry.* file.
namespace EdgeRegistry.WebConsole;

/// <summary>
/// The web console: static files embedded in the binary under <c>Console/Site</c>, served at <c>/console/</c>.
/// It is a client of the public RPC API like any SDK (it signs in the browser), so nothing here touches the RPC
/// surface: this adds the redirect, the files and their security headers.
/// </summary>
public static class ConsoleSite
{
    public const string Path = "/console";

    public static void Map(WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(Assembly.GetExecutingAssembly(), "Console/Site");
        app.UseWhen(IsConsole, console =>
        {
            console.Use((http, next) =>
            {
                ConsoleHeaders.Apply(http.Response.Headers);
                // Here rather than as an endpoint: routing ignores a trailing slash, so a route for /console would
                // also match /console/ and redirect it to itself.
                if (http.Request.Path.Value == Path)
                {
                    http.Response.Redirect(Path + "/");
                    return Task.CompletedTask;
                }

                return next(http);
            });
            console.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
            console.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                RequestPath = Path,
                ContentTypeProvider = ContentTypes(),
            });
        });
    }

    private static bool IsConsole(HttpContext http) =>
        http.Request.Path.StartsWithSegments(Path, StringComparison.Ordinal);

    /// <summary>Only the types the console ships; anything else is not served (the provider answers 404 for it).</summary>
    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings.Clear();
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        types.Mappings[".svg"] = "image/svg+xml";
        types.Mappings[".png"] = "image/png";
        return types;
    }
}
