using EdgeRegistry.Storage;

namespace EdgeRegistry.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers HTTP. <c>/health/ready</c>: the store is reachable and migrated, so
/// RPC requests can be served. Both are plain endpoints: live is also the benchmarks' baseline.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Text("Healthy"));
        app.MapGet("/health/ready", async (IStorageLifecycle storage, ILoggerFactory logs, CancellationToken cancellationToken) =>
        {
            try
            {
                return await storage.IsReadyAsync(cancellationToken) ? Results.Text("Healthy") : Results.Text("Not migrated", statusCode: 503);
            }
            catch (Exception e)
            {
                logs.CreateLogger("EdgeRegistry.Health").LogWarning(e, "The store is not reachable");
                return Results.Text("Store unreachable", statusCode: 503);
            }
        });
    }
}
