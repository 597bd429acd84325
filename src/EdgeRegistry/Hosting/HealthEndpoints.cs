using EdgeRegistry.Storage;

namespace EdgeRegistry.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers HTTP. <c>/health/ready</c>: the store is reachable and migrated, and
/// every other backend the replica needs (<see cref="IReadinessCheck"/>: Redis in scale-out mode) answers, so RPC
/// requests can be served. It asks afresh each time, so it turns 200 again by itself once a backend is back. Both
/// are plain endpoints: live is also the benchmarks' baseline.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The longest <c>/health/ready</c> waits for an answer: a probe must not hang when a backend does.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(5);

    public static void Map(WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Text("Healthy"));
        app.MapGet("/health/ready", async (IStorageLifecycle storage, IEnumerable<IReadinessCheck> checks, ILoggerFactory logs, CancellationToken cancellationToken) =>
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(ReadyTimeout);
            var log = logs.CreateLogger("EdgeRegistry.Health");
            var store = StoreAsync(storage, log, bounded.Token);
            var others = checks.Select(c => OtherAsync(c, log, bounded.Token)).ToList();
            var problems = new List<string>();
            if (await store is { } storeProblem)
            {
                problems.Add(storeProblem);
            }

            foreach (var other in others)
            {
                if (await other is { } problem)
                {
                    problems.Add(problem);
                }
            }

            return problems.Count == 0 ? Results.Text("Healthy") : Results.Text(string.Join("; ", problems), statusCode: 503);
        });
    }

    /// <summary>Null when the store is reachable and migrated; otherwise what is wrong.</summary>
    private static async Task<string?> StoreAsync(IStorageLifecycle storage, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.IsReadyAsync(cancellationToken) ? null : "Not migrated";
        }
        catch (Exception e)
        {
            log.LogWarning(e, "The store is not reachable");
            return "Store unreachable";
        }
    }

    private static async Task<string?> OtherAsync(IReadinessCheck check, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            await check.CheckAsync(cancellationToken);
            return null;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "{Backend} is not reachable", check.Name);
            return check.Name + " unreachable";
        }
    }
}
