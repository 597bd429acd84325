using System.Diagnostics.Metrics;

namespace EdgeRegistry.Observability;

/// <summary>Makes the <see cref="StoreOperation"/> of each method of one engine's stores, once, when a store is built.</summary>
public sealed class StoreTimers(Histogram<double> duration, Counter<long> errors, string engine)
{
    /// <summary><paramref name="operation"/>: <c>Store.Method</c>, e.g. <c>DriverStore.QueryVersions</c> — a name from code, never from a request.</summary>
    public StoreOperation For(string operation) => new(duration, errors, engine, operation);
}
