using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>
/// One storage engine as the contract suites see it: every store interface over one fresh, empty, migrated
/// database. Each engine (SQLite today; PostgreSQL with scale-out) implements this once and inherits every suite.
/// </summary>
public interface IStoreEngine : IAsyncDisposable
{
    /// <summary>The clock the account and admin stores stamp their rows with.</summary>
    FakeTimeProvider Time { get; }

    IDriverStore Drivers { get; }

    IObjectCatalog Objects { get; }

    IAccountStore Accounts { get; }

    IAdminStore Admin { get; }

    Task StartAsync();
}
