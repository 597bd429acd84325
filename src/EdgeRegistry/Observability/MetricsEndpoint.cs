using System.Diagnostics.Metrics;
using EdgeRegistry.Hosting;
using EdgeRegistry.Rpc;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EdgeRegistry.Observability;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text format, through OpenTelemetry's exporter, for this server's instruments
/// (<see cref="RegistryMetrics"/>) and, in scale-out mode, Npgsql's own (command durations and failures per
/// replica). Unauthenticated on the listen address, like <c>/health</c>, as Prometheus scrapes: its labels are
/// Action names, error codes, store operations and the replica's identity, never an account, key or resource. Operators who do not
/// want it public block <c>/metrics</c> at the proxy, as they would <c>/admin</c>.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddRegistryMetrics(this IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton(ReplicaIdentity.Of(settings));
        services.AddSingleton<RegistryMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("edgereg"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RegistryMetrics.MeterName, "Npgsql")
                    // No cached answer: a scrape sees every request answered before it (Prometheus scrapes seldom).
                    .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0);
                // The SDK listens by meter name, process-wide: where several hosts share a process (the tests), each
                // exports only the EdgeRegistry meter its own container made, not its neighbours'.
                ((IDeferredMeterProviderBuilder)metrics).Configure((provider, builder) =>
                {
                    var own = provider.GetRequiredService<IMeterFactory>();
                    builder.AddView(instrument => instrument.Meter.Name == RegistryMetrics.MeterName && !ReferenceEquals(instrument.Meter.Scope, own)
                        ? MetricStreamConfiguration.Drop
                        : null);
                });
            });
        return services;
    }

    public static void Map(WebApplication app)
    {
        // Made now, so the replica gauge and every Action's series exist from the first scrape.
        var metrics = app.Services.GetRequiredService<RegistryMetrics>();
        foreach (var action in app.Services.GetRequiredService<ActionTable>().Supported)
        {
            metrics.RegisterAction(action);
        }

        app.MapPrometheusScrapingEndpoint(Path);
    }
}
