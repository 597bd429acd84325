namespace EdgeRegistry.Accounts;

public sealed record AccountInfo(string AccountId, string Name, bool IsDefault, long CreatedMs);

/// <summary>An AccessKey as administration shows it: never its secret.</summary>
public sealed record AccessKeyInfo(string AccessKeyId, string AccountId, string? UserName, bool Enabled, long CreatedMs);

public sealed record RamUserInfo(string AccountId, string UserName, long CreatedMs, IReadOnlyList<string> Policies);

public sealed record PolicyInfo(string AccountId, string PolicyName, string Document, long CreatedMs);

public sealed record InstanceInfo(string AccountId, string InstanceId, long CreatedMs);

/// <param name="Action">An action name, or <c>*</c> for every action.</param>
/// <param name="LimitPerSecond">Calls per second; null means unlimited.</param>
public sealed record QuotaOverride(string AccountId, string Action, int? LimitPerSecond);

/// <summary>Why an administrative change was refused; the admin API maps each to an HTTP status and message.</summary>
public enum AdminOutcome
{
    Ok,
    AccountNotFound,
    UserNotFound,
    UserExists,
    KeyNotFound,
    PolicyNotFound,
    PolicyExists,
    PolicyAttached,
    InstanceNotFound,
    InstanceExists,
}
