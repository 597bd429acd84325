using EdgeRegistry.Auth;

namespace EdgeRegistry.Tests.Auth;

public sealed class InMemoryNonceStoreTests : NonceStoreContract
{
    private InMemoryNonceStore? _store;

    protected override INonceStore CreateStore(TimeProvider time) => _store = new InMemoryNonceStore(time);

    protected override Task<int> CountHeldAsync() => Task.FromResult(_store!.Count);
}
