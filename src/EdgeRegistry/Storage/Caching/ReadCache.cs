using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;

namespace EdgeRegistry.Storage.Caching;

/// <summary>
/// The memory behind <see cref="CachingDriverStore"/>: a size-limited <see cref="MemoryCache"/> (sizes in estimated
/// bytes; past the limit it compacts, least recently used first) whose entries carry the revision they were read at.
/// </summary>
public sealed class ReadCache : IDisposable
{
    private readonly MemoryCache _cache;

    public ReadCache(long limitBytes)
    {
        LimitBytes = limitBytes;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = limitBytes, TrackStatistics = true });
    }

    public long LimitBytes { get; }

    /// <summary>Hits, misses (a stale entry counts as a miss), entries and estimated bytes, for /metrics.</summary>
    public MemoryCacheStatistics Statistics => _cache.GetCurrentStatistics()!;

    public bool TryGet<T>(object key, ReadRevision revision, [NotNullWhen(true)] out T? value)
        where T : class
    {
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry!.Revision == revision)
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    public void Set<T>(object key, ReadRevision revision, T value, long sizeBytes)
        where T : class
    {
        using var entry = _cache.CreateEntry(key);
        entry.Value = new Entry<T>(revision, value);
        entry.Size = sizeBytes;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry<T>(ReadRevision Revision, T Value);
}
