using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Caching;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>
/// An engine with the read cache in front of its driver store, as the server runs it: every driver and version
/// contract then also proves that the cache answers exactly what the store would. <see cref="Replica"/> is a second
/// cache over the same database, as another replica would have.
/// </summary>
public sealed class CachedEngine<TEngine> : IStoreEngine where TEngine : IStoreEngine, new()
{
    private readonly TEngine _engine = new();
    private readonly ReadCache _cache = new(8 * 1024 * 1024);
    private readonly ReadCache _replicaCache = new(8 * 1024 * 1024);

    public FakeTimeProvider Time => _engine.Time;

    public IDriverStore Drivers { get; private set; } = null!;

    /// <summary>The same database behind another replica's cache.</summary>
    public IDriverStore Replica { get; private set; } = null!;

    public ReadCache Cache => _cache;

    /// <summary>The driver store without a cache: the truth the cached answers are compared with.</summary>
    public IDriverStore Bare => _engine.Drivers;

    public IObjectCatalog Objects => _engine.Objects;

    public IAccountStore Accounts => _engine.Accounts;

    public IAdminStore Admin => _engine.Admin;

    public async Task StartAsync()
    {
        await _engine.StartAsync();
        Drivers = new CachingDriverStore(_engine.Drivers, _cache);
        Replica = new CachingDriverStore(_engine.Drivers, _replicaCache);
    }

    public async ValueTask DisposeAsync()
    {
        _cache.Dispose();
        _replicaCache.Dispose();
        await _engine.DisposeAsync();
    }
}

public sealed class SqliteCachedDriverStoreContractTests : DriverStoreContract<CachedEngine<SqliteStoreEngine>>;

public sealed class SqliteCachedVersionStoreContractTests : VersionStoreContract<CachedEngine<SqliteStoreEngine>>;

public sealed class SqliteReadRevisionContractTests : ReadRevisionContract<SqliteStoreEngine>;
