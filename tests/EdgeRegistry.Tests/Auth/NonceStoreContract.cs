using EdgeRegistry.Auth;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Auth;

/// <summary>What every <see cref="INonceStore"/> must do, run once per implementation, on a clock moved by hand.</summary>
public abstract class NonceStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Window = RequestAuthenticator.Window;

    private INonceStore? _store;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    protected INonceStore Store => _store ??= CreateStore(Time);

    private DateTimeOffset Expiry => Time.GetUtcNow() + Window;

    protected abstract INonceStore CreateStore(TimeProvider time);

    /// <summary>How many nonces the store holds, expired ones it has not yet let go included.</summary>
    protected abstract Task<int> CountHeldAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_nonce_is_accepted_once_per_key()
    {
        Assert.True(await Store.TryUseAsync("key1", "n1", Expiry, default));
        Assert.False(await Store.TryUseAsync("key1", "n1", Expiry, default));
        Assert.True(await Store.TryUseAsync("key2", "n1", Expiry, default));
        Assert.True(await Store.TryUseAsync("key1", "n2", Expiry, default));
        Assert.True(await Store.TryUseAsync("key1", "N1", Expiry, default));
    }

    [Fact]
    public async Task A_nonce_is_remembered_up_to_its_expiry_and_forgotten_after()
    {
        var expires = Expiry;
        Assert.True(await Store.TryUseAsync("key", "n", expires, default));

        Time.Advance(Window - TimeSpan.FromMinutes(1));
        Assert.False(await Store.TryUseAsync("key", "n", expires, default));
        Time.SetUtcNow(expires);
        Assert.False(await Store.TryUseAsync("key", "n", expires, default));

        // Stores may forget at a coarser grain than the millisecond, never later than a minute on.
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Store.TryUseAsync("key", "other", Expiry, default));
        Assert.True(await Store.TryUseAsync("key", "n", Expiry, default));
        Assert.False(await Store.TryUseAsync("key", "n", Expiry, default));
    }

    [Fact]
    public async Task A_nonce_sent_again_with_another_timestamp_is_still_a_replay()
    {
        Assert.True(await Store.TryUseAsync("key", "n", Expiry, default));

        Assert.False(await Store.TryUseAsync("key", "n", Expiry.AddMinutes(10), default));
        Assert.False(await Store.TryUseAsync("key", "n", Expiry.AddMinutes(-10), default));
    }

    [Fact]
    public async Task Of_concurrent_uses_of_one_nonce_exactly_one_wins()
    {
        const int Rounds = 20;
        const int Racers = 16;
        // Made before the race: racers that each made the store first would each race in a store of their own.
        var store = Store;
        for (var round = 0; round < Rounds; round++)
        {
            var shared = $"shared-{round}";
            using var start = new ManualResetEventSlim();
            // Half race for one nonce, half use nonces of their own, so the winner is decided among other work.
            var racers = Enumerable.Range(0, 2 * Racers).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await store.TryUseAsync("key", i % 2 == 0 ? shared : $"own-{round}-{i}", Expiry, default);
            })).ToArray();

            start.Set();
            var results = await Task.WhenAll(racers);

            Assert.Equal(1, results.Where((_, i) => i % 2 == 0).Count(fresh => fresh));
            Assert.All(results.Where((_, i) => i % 2 == 1), Assert.True);
        }
    }

    [Fact]
    public async Task Expired_nonces_are_let_go_so_the_store_holds_about_one_window_of_them()
    {
        const int PerMinute = 40;
        var lastWindow = new List<(string Nonce, DateTimeOffset Expires)>();
        for (var minute = 0; minute < 60; minute++)
        {
            for (var i = 0; i < PerMinute; i++)
            {
                var nonce = $"m{minute}-{i}";
                Assert.True(await Store.TryUseAsync("key", nonce, Expiry, default));
                if (minute >= 60 - 15)
                {
                    lastWindow.Add((nonce, Expiry));
                }
            }

            Time.Advance(TimeSpan.FromMinutes(1));
        }

        // 60 minutes of traffic, but no more than the last 15 (and a minute's grace) still held.
        Assert.InRange(await CountHeldAsync(), 15 * PerMinute, 17 * PerMinute);
        foreach (var (nonce, expires) in lastWindow)
        {
            Assert.False(await Store.TryUseAsync("key", nonce, expires, default));
        }

        // Quiet for a whole window: the next few uses let go of everything else.
        Time.Advance(Window + TimeSpan.FromMinutes(2));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await Store.TryUseAsync("key", $"after-{i}", Expiry, default));
        }

        Assert.Equal(3, await CountHeldAsync());
    }
}
