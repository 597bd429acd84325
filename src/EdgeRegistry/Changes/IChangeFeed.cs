namespace EdgeRegistry.Changes;

/// <summary>
/// The one way cache invalidation travels: whoever changes the store publishes, every cache subscribes. In the
/// embedded mode it stays in the process; a multi-replica feed also carries each change to the other replicas.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Tells every subscriber; this replica's subscribers have run when the returned task completes.</summary>
    ValueTask PublishAsync(RegistryChange change, CancellationToken cancellationToken);

    void Subscribe(Func<RegistryChange, CancellationToken, ValueTask> handler);
}
