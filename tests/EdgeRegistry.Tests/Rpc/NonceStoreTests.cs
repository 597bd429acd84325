using EdgeRegistry.Auth;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Rpc;

public sealed class NonceStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_nonce_is_accepted_once_per_key()
    {
        var store = new InMemoryNonceStore(_time);
        var expires = _time.GetUtcNow().AddMinutes(15);

        Assert.True(await store.TryUseAsync("key1", "n1", expires, default));
        Assert.False(await store.TryUseAsync("key1", "n1", expires, default));
        Assert.True(await store.TryUseAsync("key2", "n1", expires, default));
        Assert.True(await store.TryUseAsync("key1", "n2", expires, default));
    }

    [Fact]
    public async Task A_nonce_is_forgotten_only_after_its_request_could_no_longer_pass_the_timestamp_check()
    {
        var store = new InMemoryNonceStore(_time);
        var expires = _time.GetUtcNow().AddMinutes(15);
        Assert.True(await store.TryUseAsync("key", "n", expires, default));

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.False(await store.TryUseAsync("key", "n", expires, default));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await store.TryUseAsync("key", "other", _time.GetUtcNow().AddMinutes(15), default));
        Assert.True(await store.TryUseAsync("key", "n", _time.GetUtcNow().AddMinutes(15), default));
    }
}
