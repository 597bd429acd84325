using EdgeRegistry.Hosting;

namespace EdgeRegistry.Packages;

/// <summary>
/// Removes objects that were presigned but that no version names once they are older than the orphan lifetime
/// (default 24 h), with their bytes. Safe on every replica at once: removal is one transaction per sweep.
/// </summary>
public sealed class OrphanSweeper(IObjectCatalog catalog, IBlobStore blobs, ServerSettings settings, TimeProvider time, ILogger<OrphanSweeper> log)
    : BackgroundService
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutOff = time.GetUtcNow().Subtract(settings.OrphanObjectTtl).ToUnixTimeMilliseconds();
        var removed = await catalog.RemoveOrphansAsync(cutOff, cancellationToken);
        foreach (var blobId in removed)
        {
            await blobs.DeleteAsync(blobId, cancellationToken);
        }

        if (removed.Count > 0)
        {
            log.LogInformation("Removed {Count} uploaded object(s) that no driver version names", removed.Count);
        }

        return removed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A sweep every tenth of the lifetime (between a second and ten minutes) keeps an orphan at most ~10% past it.
        var period = TimeSpan.FromTicks(Math.Clamp(settings.OrphanObjectTtl.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute * 10));
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Orphan sweep failed; it runs again in {Period}", period);
            }
        }
    }
}
