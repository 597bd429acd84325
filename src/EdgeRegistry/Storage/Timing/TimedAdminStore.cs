using EdgeRegistry.Accounts;
using EdgeRegistry.Observability;

namespace EdgeRegistry.Storage.Timing;

/// <summary>Times every call into the provider's admin store (the admin API, and the policy documents permission checks read).</summary>
public sealed class TimedAdminStore(IAdminStore inner, StoreTimers timers) : IAdminStore
{
    private readonly StoreOperation _listAccounts = timers.For("AdminStore.ListAccounts");
    private readonly StoreOperation _getAccount = timers.For("AdminStore.GetAccount");
    private readonly StoreOperation _listKeys = timers.For("AdminStore.ListKeys");
    private readonly StoreOperation _addKey = timers.For("AdminStore.AddKey");
    private readonly StoreOperation _setKeyEnabled = timers.For("AdminStore.SetKeyEnabled");
    private readonly StoreOperation _deleteKey = timers.For("AdminStore.DeleteKey");
    private readonly StoreOperation _listUsers = timers.For("AdminStore.ListUsers");
    private readonly StoreOperation _createUser = timers.For("AdminStore.CreateUser");
    private readonly StoreOperation _deleteUser = timers.For("AdminStore.DeleteUser");
    private readonly StoreOperation _listPolicies = timers.For("AdminStore.ListPolicies");
    private readonly StoreOperation _putPolicy = timers.For("AdminStore.PutPolicy");
    private readonly StoreOperation _deletePolicy = timers.For("AdminStore.DeletePolicy");
    private readonly StoreOperation _attachPolicy = timers.For("AdminStore.AttachPolicy");
    private readonly StoreOperation _detachPolicy = timers.For("AdminStore.DetachPolicy");
    private readonly StoreOperation _userPolicyDocuments = timers.For("AdminStore.UserPolicyDocuments");
    private readonly StoreOperation _listInstances = timers.For("AdminStore.ListInstances");
    private readonly StoreOperation _createInstance = timers.For("AdminStore.CreateInstance");
    private readonly StoreOperation _deleteInstance = timers.For("AdminStore.DeleteInstance");
    private readonly StoreOperation _listQuotaOverrides = timers.For("AdminStore.ListQuotaOverrides");
    private readonly StoreOperation _setQuotaOverride = timers.For("AdminStore.SetQuotaOverride");
    private readonly StoreOperation _removeQuotaOverride = timers.For("AdminStore.RemoveQuotaOverride");
    private readonly StoreOperation _setStorageLimit = timers.For("AdminStore.SetStorageLimit");

    public Task<IReadOnlyList<AccountInfo>> ListAccountsAsync(CancellationToken cancellationToken) =>
        _listAccounts.Time((inner, cancellationToken), static s => s.inner.ListAccountsAsync(s.cancellationToken));

    public Task<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        _getAccount.Time((inner, accountId, cancellationToken), static s => s.inner.GetAccountAsync(s.accountId, s.cancellationToken));

    public Task<IReadOnlyList<AccessKeyInfo>> ListKeysAsync(string accountId, string? userName, CancellationToken cancellationToken) =>
        _listKeys.Time((inner, accountId, userName, cancellationToken), static s => s.inner.ListKeysAsync(s.accountId, s.userName, s.cancellationToken));

    public Task<AdminOutcome> AddKeyAsync(string accountId, string? userName, string accessKeyId, byte[] secretCiphertext, CancellationToken cancellationToken) =>
        _addKey.Time((inner, accountId, userName, accessKeyId, secretCiphertext, cancellationToken),
            static s => s.inner.AddKeyAsync(s.accountId, s.userName, s.accessKeyId, s.secretCiphertext, s.cancellationToken));

    public Task<AdminOutcome> SetKeyEnabledAsync(string accountId, string accessKeyId, bool enabled, CancellationToken cancellationToken) =>
        _setKeyEnabled.Time((inner, accountId, accessKeyId, enabled, cancellationToken),
            static s => s.inner.SetKeyEnabledAsync(s.accountId, s.accessKeyId, s.enabled, s.cancellationToken));

    public Task<AdminOutcome> DeleteKeyAsync(string accountId, string accessKeyId, CancellationToken cancellationToken) =>
        _deleteKey.Time((inner, accountId, accessKeyId, cancellationToken), static s => s.inner.DeleteKeyAsync(s.accountId, s.accessKeyId, s.cancellationToken));

    public Task<IReadOnlyList<RamUserInfo>> ListUsersAsync(string accountId, CancellationToken cancellationToken) =>
        _listUsers.Time((inner, accountId, cancellationToken), static s => s.inner.ListUsersAsync(s.accountId, s.cancellationToken));

    public Task<AdminOutcome> CreateUserAsync(string accountId, string userName, CancellationToken cancellationToken) =>
        _createUser.Time((inner, accountId, userName, cancellationToken), static s => s.inner.CreateUserAsync(s.accountId, s.userName, s.cancellationToken));

    public Task<AdminOutcome> DeleteUserAsync(string accountId, string userName, CancellationToken cancellationToken) =>
        _deleteUser.Time((inner, accountId, userName, cancellationToken), static s => s.inner.DeleteUserAsync(s.accountId, s.userName, s.cancellationToken));

    public Task<IReadOnlyList<PolicyInfo>> ListPoliciesAsync(string accountId, CancellationToken cancellationToken) =>
        _listPolicies.Time((inner, accountId, cancellationToken), static s => s.inner.ListPoliciesAsync(s.accountId, s.cancellationToken));

    public Task<AdminOutcome> PutPolicyAsync(string accountId, string policyName, string document, CancellationToken cancellationToken) =>
        _putPolicy.Time((inner, accountId, policyName, document, cancellationToken),
            static s => s.inner.PutPolicyAsync(s.accountId, s.policyName, s.document, s.cancellationToken));

    public Task<AdminOutcome> DeletePolicyAsync(string accountId, string policyName, CancellationToken cancellationToken) =>
        _deletePolicy.Time((inner, accountId, policyName, cancellationToken), static s => s.inner.DeletePolicyAsync(s.accountId, s.policyName, s.cancellationToken));

    public Task<AdminOutcome> AttachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken) =>
        _attachPolicy.Time((inner, accountId, userName, policyName, cancellationToken),
            static s => s.inner.AttachPolicyAsync(s.accountId, s.userName, s.policyName, s.cancellationToken));

    public Task<AdminOutcome> DetachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken) =>
        _detachPolicy.Time((inner, accountId, userName, policyName, cancellationToken),
            static s => s.inner.DetachPolicyAsync(s.accountId, s.userName, s.policyName, s.cancellationToken));

    public Task<IReadOnlyList<string>> UserPolicyDocumentsAsync(string accountId, string userName, CancellationToken cancellationToken) =>
        _userPolicyDocuments.Time((inner, accountId, userName, cancellationToken),
            static s => s.inner.UserPolicyDocumentsAsync(s.accountId, s.userName, s.cancellationToken));

    public Task<IReadOnlyList<InstanceInfo>> ListInstancesAsync(string accountId, CancellationToken cancellationToken) =>
        _listInstances.Time((inner, accountId, cancellationToken), static s => s.inner.ListInstancesAsync(s.accountId, s.cancellationToken));

    public Task<AdminOutcome> CreateInstanceAsync(string accountId, string instanceId, CancellationToken cancellationToken) =>
        _createInstance.Time((inner, accountId, instanceId, cancellationToken), static s => s.inner.CreateInstanceAsync(s.accountId, s.instanceId, s.cancellationToken));

    public Task<AdminOutcome> DeleteInstanceAsync(string accountId, string instanceId, CancellationToken cancellationToken) =>
        _deleteInstance.Time((inner, accountId, instanceId, cancellationToken), static s => s.inner.DeleteInstanceAsync(s.accountId, s.instanceId, s.cancellationToken));

    public Task<IReadOnlyList<QuotaOverride>> ListQuotaOverridesAsync(string? accountId, CancellationToken cancellationToken) =>
        _listQuotaOverrides.Time((inner, accountId, cancellationToken), static s => s.inner.ListQuotaOverridesAsync(s.accountId, s.cancellationToken));

    public Task<AdminOutcome> SetQuotaOverrideAsync(QuotaOverride quota, CancellationToken cancellationToken) =>
        _setQuotaOverride.Time((inner, quota, cancellationToken), static s => s.inner.SetQuotaOverrideAsync(s.quota, s.cancellationToken));

    public Task<AdminOutcome> RemoveQuotaOverrideAsync(string accountId, string action, CancellationToken cancellationToken) =>
        _removeQuotaOverride.Time((inner, accountId, action, cancellationToken), static s => s.inner.RemoveQuotaOverrideAsync(s.accountId, s.action, s.cancellationToken));

    public Task<AdminOutcome> SetStorageLimitAsync(string accountId, long? limitBytes, CancellationToken cancellationToken) =>
        _setStorageLimit.Time((inner, accountId, limitBytes, cancellationToken), static s => s.inner.SetStorageLimitAsync(s.accountId, s.limitBytes, s.cancellationToken));
}
