using EdgeRegistry.Hosting;

namespace EdgeRegistry.Packages;

/// <summary>
/// Removes objects that were presigned but that no version names once they are older than the orphan lifetime
/// (default 24 h), with their bytes. Safe on every replica at once: removal is one transaction per sweep.
/// Also removes blobs that no object points to (a crash between storing the bytes and committing the upload leaves
/// one), but only once a blob has been seen unreferenced for <see cref="BlobGrace"/>: between storing and committing,
/// an upload's blob is briefly unreferenced too.
/// </summary>
public sealed class OrphanSweeper(IObjectCatalog catalog, IBlobStore blobs, ServerSettings settings, TimeProvider time, ILogger<OrphanSweeper> log)
    : BackgroundService
{
    /// <summary>How long a blob must stay unreferenced before it is deleted: far longer than any store-then-commit step.</summary>
    public static readonly TimeSpan BlobGrace = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private Dictionary<string, DateTimeOffset> _unreferencedSince = new(StringComparer.Ordinal);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var removed = await SweepObjectsAsync(cancellationToken);
        await SweepBlobsAsync(cancellationToken);
        return removed;
    }

    /// <summary>Deletes the blobs no object has pointed to for <see cref="BlobGrace"/>; returns how many.</summary>
    public async Task<int> SweepBlobsAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var unreferenced = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            var deleted = 0;
            await foreach (var blobId in blobs.ListAsync(cancellationToken))
            {
                if (await catalog.IsBlobInUseAsync(blobId, cancellationToken))
                {
                    continue;
                }

                var since = _unreferencedSince.GetValueOrDefault(blobId, now);
                if (now - since >= BlobGrace)
                {
                    await blobs.DeleteAsync(blobId, cancellationToken);
                    deleted++;
                }
                else
                {
                    unreferenced[blobId] = since;
                }
            }

            _unreferencedSince = unreferenced;
            if (deleted > 0)
            {
                log.LogWarning("Removed {Count} stored package file(s) that no object names (left by an interrupted upload)", deleted);
            }

            return deleted;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<int> SweepObjectsAsync(CancellationToken cancellationToken)
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
