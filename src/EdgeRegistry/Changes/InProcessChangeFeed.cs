namespace EdgeRegistry.Changes;

/// <summary>The embedded mode's feed: one process, so publishing is calling each subscriber in turn.</summary>
public sealed class InProcessChangeFeed(ILogger<InProcessChangeFeed> log) : IChangeFeed
{
    private readonly List<Func<RegistryChange, CancellationToken, ValueTask>> _handlers = [];
    private readonly Lock _lock = new();

    public async ValueTask PublishAsync(RegistryChange change, CancellationToken cancellationToken)
    {
        Func<RegistryChange, CancellationToken, ValueTask>[] handlers;
        lock (_lock)
        {
            handlers = [.. _handlers];
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler(change, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store has the change already; one failing cache must not keep the others stale.
                log.LogWarning(e, "A subscriber failed to apply {Change}", change);
            }
        }
    }

    public void Subscribe(Func<RegistryChange, CancellationToken, ValueTask> handler)
    {
        lock (_lock)
        {
            _handlers.Add(handler);
        }
    }
}
