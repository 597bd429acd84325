namespace EdgeRegistry.Accounts;

/// <summary>
/// What the admin API changes: accounts, AccessKeys, RAM users, policies, Enterprise instances and quota
/// overrides. Every call names the account; nothing here reads or returns a secret.
/// </summary>
public interface IAdminStore
{
    Task<IReadOnlyList<AccountInfo>> ListAccountsAsync(CancellationToken cancellationToken);

    Task<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The account's keys; with <paramref name="userName"/>, only that RAM user's (empty string: only root keys).</summary>
    Task<IReadOnlyList<AccessKeyInfo>> ListKeysAsync(string accountId, string? userName, CancellationToken cancellationToken);

    /// <summary>Adds a key for the account's root (<paramref name="userName"/> null) or for one of its RAM users.</summary>
    Task<AdminOutcome> AddKeyAsync(string accountId, string? userName, string accessKeyId, byte[] secretCiphertext, CancellationToken cancellationToken);

    Task<AdminOutcome> SetKeyEnabledAsync(string accountId, string accessKeyId, bool enabled, CancellationToken cancellationToken);

    Task<AdminOutcome> DeleteKeyAsync(string accountId, string accessKeyId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RamUserInfo>> ListUsersAsync(string accountId, CancellationToken cancellationToken);

    Task<AdminOutcome> CreateUserAsync(string accountId, string userName, CancellationToken cancellationToken);

    /// <summary>Deletes a RAM user with its keys and policy attachments.</summary>
    Task<AdminOutcome> DeleteUserAsync(string accountId, string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<PolicyInfo>> ListPoliciesAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Creates a policy, or replaces the document of an existing one (its attachments stay).</summary>
    Task<AdminOutcome> PutPolicyAsync(string accountId, string policyName, string document, CancellationToken cancellationToken);

    /// <summary>Refused while the policy is attached to a user, as Alibaba RAM does.</summary>
    Task<AdminOutcome> DeletePolicyAsync(string accountId, string policyName, CancellationToken cancellationToken);

    Task<AdminOutcome> AttachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken);

    Task<AdminOutcome> DetachPolicyAsync(string accountId, string userName, string policyName, CancellationToken cancellationToken);

    /// <summary>The documents of the policies attached to a RAM user, for permission checks.</summary>
    Task<IReadOnlyList<string>> UserPolicyDocumentsAsync(string accountId, string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<InstanceInfo>> ListInstancesAsync(string accountId, CancellationToken cancellationToken);

    Task<AdminOutcome> CreateInstanceAsync(string accountId, string instanceId, CancellationToken cancellationToken);

    Task<AdminOutcome> DeleteInstanceAsync(string accountId, string instanceId, CancellationToken cancellationToken);

    /// <summary>Every override of every account (the request path keeps them in memory), or one account's.</summary>
    Task<IReadOnlyList<QuotaOverride>> ListQuotaOverridesAsync(string? accountId, CancellationToken cancellationToken);

    /// <summary>Sets an override; <c>LimitPerSecond</c> null means unlimited.</summary>
    Task<AdminOutcome> SetQuotaOverrideAsync(QuotaOverride quota, CancellationToken cancellationToken);

    Task<AdminOutcome> RemoveQuotaOverrideAsync(string accountId, string action, CancellationToken cancellationToken);

    /// <summary>Sets the account's limit on stored package bytes; null: unlimited (the default).</summary>
    Task<AdminOutcome> SetStorageLimitAsync(string accountId, long? limitBytes, CancellationToken cancellationToken);
}
