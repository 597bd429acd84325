namespace EdgeRegistry.Accounts;

/// <summary>
/// The account and Enterprise instance a request acts in; <c>InstanceId</c> is empty for the public instance.
/// Everything a tenant owns is stored under one scope and is invisible from every other.
/// </summary>
public sealed record TenantScope(string AccountId, string InstanceId);
