using EdgeRegistry.Accounts;
using EdgeRegistry.Observability;

namespace EdgeRegistry.Storage.Timing;

/// <summary>Times every call into the provider's account store (key lookups on the request path, start-up writes).</summary>
public sealed class TimedAccountStore(IAccountStore inner, StoreTimers timers) : IAccountStore
{
    private readonly StoreOperation _findAccessKey = timers.For("AccountStore.FindAccessKey");
    private readonly StoreOperation _instanceExists = timers.For("AccountStore.InstanceExists");
    private readonly StoreOperation _findDefaultAccount = timers.For("AccountStore.FindDefaultAccount");
    private readonly StoreOperation _createAccount = timers.For("AccountStore.CreateAccount");
    private readonly StoreOperation _putAccessKey = timers.For("AccountStore.PutAccessKey");
    private readonly StoreOperation _getOrAddSetting = timers.For("AccountStore.GetOrAddSetting");

    public Task<StoredAccessKey?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) =>
        _findAccessKey.Time((inner, accessKeyId, cancellationToken), static s => s.inner.FindAccessKeyAsync(s.accessKeyId, s.cancellationToken));

    public Task<bool> InstanceExistsAsync(string accountId, string instanceId, CancellationToken cancellationToken) =>
        _instanceExists.Time((inner, accountId, instanceId, cancellationToken), static s => s.inner.InstanceExistsAsync(s.accountId, s.instanceId, s.cancellationToken));

    public Task<string?> FindDefaultAccountAsync(CancellationToken cancellationToken) =>
        _findDefaultAccount.Time((inner, cancellationToken), static s => s.inner.FindDefaultAccountAsync(s.cancellationToken));

    public Task CreateAccountAsync(string accountId, string name, bool isDefault, CancellationToken cancellationToken) =>
        _createAccount.Time((inner, accountId, name, isDefault, cancellationToken), static s => s.inner.CreateAccountAsync(s.accountId, s.name, s.isDefault, s.cancellationToken));

    public Task PutAccessKeyAsync(StoredAccessKey key, CancellationToken cancellationToken) =>
        _putAccessKey.Time((inner, key, cancellationToken), static s => s.inner.PutAccessKeyAsync(s.key, s.cancellationToken));

    public Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken) =>
        _getOrAddSetting.Time((inner, name, value, cancellationToken), static s => s.inner.GetOrAddSettingAsync(s.name, s.value, s.cancellationToken));
}
