namespace EdgeRegistry.Storage;

/// <summary>
/// What the host needs from the storage provider at start-up and what <c>/health/ready</c> asks it at run time.
/// The host never knows which engine it runs on: the provider registered by <see cref="StorageRegistration"/>
/// answers both.
/// </summary>
public interface IStorageLifecycle
{
    /// <summary>Where the data lives, for the start-up log line; never a secret.</summary>
    string Description { get; }

    /// <summary>Applies the schema migrations the store lacks; returns how many ran.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>True when the store is reachable and migrated; throws or returns false otherwise.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
