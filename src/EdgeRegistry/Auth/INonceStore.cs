namespace EdgeRegistry.Auth;

/// <summary>
/// Remembers signature nonces per AccessKeyId for as long as a replay could still pass the timestamp check.
/// One atomic check-and-add, so a store shared by several servers (Redis: <c>SET key NX PX ttl</c>) fits as well
/// as one in process or in SQLite.
/// </summary>
public interface INonceStore
{
    /// <summary>
    /// True the first time a nonce is seen for a key; false for a replay, until <paramref name="expiresAt"/> has
    /// passed. Of callers racing with the same nonce, exactly one gets true.
    /// </summary>
    ValueTask<bool> TryUseAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
