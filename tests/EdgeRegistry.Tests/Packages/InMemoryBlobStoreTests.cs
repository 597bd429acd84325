using EdgeRegistry.Packages;

namespace EdgeRegistry.Tests.Packages;

public sealed class InMemoryBlobStoreTests : BlobStoreContract
{
    protected override IBlobStore CreateStore() => new InMemoryBlobStore();
}
