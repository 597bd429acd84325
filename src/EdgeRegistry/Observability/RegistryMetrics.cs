using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EdgeRegistry.Observability;

/// <summary>
/// The server's own instruments (meter <see cref="MeterName"/>), exported at <c>/metrics</c>. Recording is a few
/// lock-free additions: labels are the Action (only the implemented ones, so a client cannot grow the label set
/// with made-up names), the error code (a fixed catalog) and a handful of constants, passed as stack-only tag lists.
/// </summary>
public sealed class RegistryMetrics
{
    public const string MeterName = "EdgeRegistry";

    /// <summary>The Action label of a request whose Action is missing or not one this server implements.</summary>
    public const string OtherAction = "other";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _storeUnavailable;
    private readonly Histogram<double> _redisDuration;
    private readonly Counter<long> _redisErrors;
    private readonly Histogram<double> _storeDuration;
    private readonly Counter<long> _storeErrors;
    private readonly Counter<long> _uploadBytes;
    private readonly Counter<long> _downloadBytes;
    private readonly ConcurrentDictionary<string, string> _actions = new(StringComparer.Ordinal);

    public RegistryMetrics(IMeterFactory meters, ReplicaIdentity replica, Storage.Caching.ReadCache? readCache = null)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("edgereg.rpc.requests", "{request}", "RPC requests answered, by Action and Code (Success for a success).");
        _duration = meter.CreateHistogram<double>("edgereg.rpc.duration", "s", "Time from the request's arrival to its answer, by Action.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _throttled = meter.CreateCounter<long>("edgereg.rpc.throttled", "{request}", "RPC requests refused by a quota (Throttling.User), by Action.");
        _storeUnavailable = meter.CreateCounter<long>("edgereg.store.unavailable", "{request}",
            "Requests answered ServiceUnavailable because the database or Redis could not be reached in time.");
        _redisDuration = meter.CreateHistogram<double>("edgereg.redis.duration", "s", "Redis command round trips (quota, nonce, change notice).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1, 2.5] });
        _redisErrors = meter.CreateCounter<long>("edgereg.redis.errors", "{command}", "Redis commands that failed because Redis was unreachable or too slow.");
        // SQLite answers in microseconds, PostgreSQL in about a millisecond: one set of buckets spans both engines.
        _storeDuration = meter.CreateHistogram<double>("edgereg.store.operation.duration", "s",
            "Store calls under the read cache, by operation (Store.Method) and engine (sqlite or postgres).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 2.5, 10] });
        _storeErrors = meter.CreateCounter<long>("edgereg.store.errors", "{call}", "Store calls that threw, by operation and engine.");
        _uploadBytes = meter.CreateCounter<long>("edgereg.object.upload.bytes", "By", "Package and config bytes stored through the object endpoint.");
        _downloadBytes = meter.CreateCounter<long>("edgereg.object.download.bytes", "By", "Bytes read for downloads through the object endpoint.");
        meter.CreateObservableGauge("edgereg.replica.info", () => new Measurement<int>(1, replica.Tags), "{replica}",
            "Always 1; the labels say which replica this is: mode (embedded or scaleout), version and instance.");
        if (readCache is not null)
        {
            ReadCacheInstruments(meter, readCache);
        }
    }

    /// <summary>Read off the cache when scraped; nothing is recorded per request.</summary>
    private static void ReadCacheInstruments(Meter meter, Storage.Caching.ReadCache cache)
    {
        meter.CreateObservableCounter("edgereg.read_cache.hits", () => cache.Statistics.TotalHits, "{read}", "Pages answered from the read cache.");
        meter.CreateObservableCounter("edgereg.read_cache.misses", () => cache.Statistics.TotalMisses, "{read}",
            "Pages read from the store: not cached yet, evicted, or changed since they were cached.");
        meter.CreateObservableGauge("edgereg.read_cache.entries", () => cache.Statistics.CurrentEntryCount, "{page}", "Pages held by the read cache.");
        meter.CreateObservableGauge("edgereg.read_cache.size", () => cache.Statistics.CurrentEstimatedSize ?? 0, "By", "Estimated bytes held by the read cache.");
        meter.CreateObservableGauge("edgereg.read_cache.limit", () => cache.LimitBytes, "By", "The read cache's size limit (ReadCacheMegabytes).");
    }

    /// <summary>Only names the server registered become labels.</summary>
    public void RegisterAction(string action) => _actions[action] = action;

    /// <summary>The end of one RPC request: one line at the end of the pipeline.</summary>
    public void RequestEnded(string? action, string code, long startedTimestamp)
    {
        var label = action is not null && _actions.TryGetValue(action, out var known) ? known : OtherAction;
        var seconds = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
        _requests.Add(1, new KeyValuePair<string, object?>("action", label), new KeyValuePair<string, object?>("code", code));
        _duration.Record(seconds, new KeyValuePair<string, object?>("action", label));
        if (code == ThrottlingCode)
        {
            _throttled.Add(1, new KeyValuePair<string, object?>("action", label));
        }
        else if (code == ServiceUnavailableCode)
        {
            _storeUnavailable.Add(1);
        }
    }

    public void RedisCommand(long startedTimestamp, bool failed)
    {
        _redisDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
        if (failed)
        {
            _redisErrors.Add(1);
        }
    }

    /// <summary>The timers of one engine's store methods (<see cref="Storage.Timing.StoreTimingRegistration"/>).</summary>
    public StoreTimers StoreTimers(string engine) => new(_storeDuration, _storeErrors, engine);

    public void Uploaded(long bytes) => _uploadBytes.Add(bytes);

    public void Downloaded(long bytes) => _downloadBytes.Add(bytes);

    private const string ThrottlingCode = "Throttling.User";
    private const string ServiceUnavailableCode = "ServiceUnavailable";
}
