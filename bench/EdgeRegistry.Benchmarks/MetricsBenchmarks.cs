using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using EdgeRegistry.Accounts;
using EdgeRegistry.Observability;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Timing;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EdgeRegistry.Benchmarks;

/// <summary>
/// What /metrics costs one RPC request: <see cref="RegistryMetrics.RequestEnded"/> (one counter, one histogram) with
/// nothing listening, and with the OpenTelemetry SDK and Prometheus exporter aggregating, as the server runs it.
/// And what timing one store call costs (<see cref="TimedDriverStore"/>, the cache hit's revision lookup): the same
/// call into a store that answers at once, bare and through the decorator, so the difference is the timing alone.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private ServiceProvider _services = null!;
    private MeterProvider? _provider;
    private RegistryMetrics _metrics = null!;
    private long _started;
    private IDriverStore _bareStore = null!;
    private IDriverStore _timedStore = null!;
    private readonly TenantScope _scope = new("account", "instance");

    [GlobalSetup(Target = nameof(NothingListening))]
    public void SetupQuiet() => Setup(export: false);

    [GlobalSetup(Targets = [nameof(OpenTelemetryAggregating), nameof(OpenTelemetryAggregatingAnError), nameof(StoreCallBare), nameof(StoreCallTimed)])]
    public void SetupExported() => Setup(export: true);

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void NothingListening() => _metrics.RequestEnded("QueryEdgeDriverVersion", "Success", _started);

    [Benchmark]
    public void OpenTelemetryAggregating() => _metrics.RequestEnded("QueryEdgeDriverVersion", "Success", _started);

    [Benchmark]
    public void OpenTelemetryAggregatingAnError() => _metrics.RequestEnded("QueryEdgeDriverVersion", "InvalidParameter", _started);

    [Benchmark]
    public Task<ReadRevision?> StoreCallBare() => _bareStore.GetRevisionAsync(_scope, "driver", CancellationToken.None);

    [Benchmark]
    public Task<ReadRevision?> StoreCallTimed() => _timedStore.GetRevisionAsync(_scope, "driver", CancellationToken.None);

    /// <summary>As the server does: the SDK (and exporter) listening from start-up, before the meter exists.</summary>
    private void Setup(bool export)
    {
        if (export)
        {
            _provider = Sdk.CreateMeterProviderBuilder().AddMeter(RegistryMetrics.MeterName).AddPrometheusExporter().Build();
        }

        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _metrics = new RegistryMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), new ReplicaIdentity("embedded", "bench", "bench"));
        _metrics.RegisterAction("QueryEdgeDriverVersion");
        _started = Stopwatch.GetTimestamp();
        _bareStore = new AnsweringStore();
        _timedStore = new TimedDriverStore(_bareStore, _metrics.StoreTimers(StoreTimingRegistration.Sqlite));
    }
}
