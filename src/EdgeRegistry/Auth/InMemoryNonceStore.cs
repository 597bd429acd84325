namespace EdgeRegistry.Auth;

/// <summary>One process's nonces, for <c>--in-memory</c>, where a restart forgets everything anyway.</summary>
public sealed class InMemoryNonceStore(TimeProvider time) : INonceStore
{
    private readonly NonceSet _nonces = new();

    internal int Count => _nonces.Count;

    public ValueTask<bool> TryUseAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_nonces.TryAdd(NonceFingerprint.Of(accessKeyId, nonce), expiresAt, time.GetUtcNow()));
}
