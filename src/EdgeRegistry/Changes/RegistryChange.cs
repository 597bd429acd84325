namespace EdgeRegistry.Changes;

/// <summary>A change that replicas holding a cache of it must hear about; published after the store committed it.</summary>
public abstract record RegistryChange;

/// <summary>An AccessKey was disabled, enabled, deleted, or its user deleted.</summary>
public sealed record AccessKeyChanged(string AccessKeyId) : RegistryChange;

/// <summary>A policy of the account, or which policies its users have, changed.</summary>
public sealed record UserPoliciesChanged(string AccountId) : RegistryChange;

/// <summary>A quota override was set or removed.</summary>
public sealed record QuotaOverridesChanged(string AccountId) : RegistryChange;

/// <summary>
/// Notices may have been missed (the link to the other replicas was down): every cache drops everything. Raised by a
/// replica for its own subscribers, never sent to the others.
/// </summary>
public sealed record CachesMayBeStale : RegistryChange;
