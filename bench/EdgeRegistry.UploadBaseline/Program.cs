// The least a .NET server can do with an upload: Kestrel, one PUT endpoint, the body copied to a file and fsynced.
// bench/upload-memory.sh runs it beside `edgereg serve` so the memory an upload costs EdgeRegistry can be told
// apart from what the runtime and Kestrel cost any server (tier-1 JIT, GC commit, the pinned block pool).
using Microsoft.AspNetCore.Http.Features;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var folder = Directory.CreateTempSubdirectory("upload-baseline-").FullName;
app.Lifetime.ApplicationStopped.Register(() => Directory.Delete(folder, recursive: true));

app.MapPut("/{name}", async (HttpContext http, string name) =>
{
    http.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
    var path = Path.Combine(folder, Path.GetFileName(name));
    await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
    {
        await http.Request.Body.CopyToAsync(file, 81920, http.RequestAborted);
        file.Flush(flushToDisk: true);
    }
    File.Delete(path);
    return Results.Ok();
});
app.MapGet("/health/ready", () => "ready");
app.Run();
