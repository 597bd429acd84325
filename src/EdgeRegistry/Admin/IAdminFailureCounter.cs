namespace EdgeRegistry.Admin;

/// <summary>
/// Wrong operator tokens per client address and clock minute, for <see cref="AdminTokenGuard"/>: kept in the process
/// by an embedded server, in Redis by scale-out replicas, so that a guesser behind a load balancer gets ten tries a
/// minute in all rather than ten per replica.
/// </summary>
public interface IAdminFailureCounter
{
    /// <summary>The failures counted for <paramref name="address"/> in <paramref name="minute"/> (Unix seconds / 60).</summary>
    ValueTask<int> CountAsync(string address, long minute, CancellationToken cancellationToken);

    /// <summary>Counts one more failure; returns the count including it.</summary>
    ValueTask<int> AddAsync(string address, long minute, CancellationToken cancellationToken);
}
