using System.Text.Json.Serialization;

namespace EdgeRegistry.Cli.Admin.Client;

// The admin API's JSON shapes (docs/admin-api.md), property for property, so that `--output json` can write
// back exactly what the server answered.

public sealed record AdminAccount(string AccountId, string Name, bool IsDefault, long CreatedMs);

/// <summary>A new account with its first root key; the only answer that carries that key's secret.</summary>
public sealed record AdminCreatedAccount(
    string AccountId, string Name, bool IsDefault, long CreatedMs, string AccessKeyId, string AccessKeySecret);

/// <param name="UserName">The RAM user owning the key; null for a root key.</param>
public sealed record AdminAccessKey(string AccessKeyId, string? UserName, bool Enabled, long CreatedMs);

/// <summary>A new key; the only answer that carries its secret.</summary>
public sealed record AdminCreatedAccessKey(string AccessKeyId, string AccessKeySecret, string? UserName, bool Enabled, long CreatedMs);

public sealed record AdminRamUser(string UserName, long CreatedMs, IReadOnlyList<string> Policies);

/// <param name="Document">The policy document, as a JSON string.</param>
public sealed record AdminPolicy(string PolicyName, string Document, long CreatedMs);

public sealed record AdminInstance(string InstanceId, long CreatedMs);

/// <param name="Action">An Iot action name, or <c>*</c> for every action.</param>
/// <param name="LimitPerSecond">Calls per second; null means unlimited.</param>
public sealed record AdminQuota(string Action, int? LimitPerSecond);

/// <summary>An account's stored package bytes and its limit (null: unlimited).</summary>
public sealed record AdminStorage(long StoredBytes, long? LimitBytes);

/// <summary>The error body of every non-2xx answer.</summary>
public sealed record AdminError(string? Code, string? Message);

internal sealed record CreateAccountRequest(string Name);

internal sealed record CreateKeyRequest([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserName);

internal sealed record SetKeyEnabledRequest(bool Enabled);

internal sealed record CreateUserRequest(string UserName);

internal sealed record CreateInstanceRequest([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InstanceId);

/// <summary>Null is written out: it is how the API says "unlimited".</summary>
internal sealed record SetQuotaRequest(int? LimitPerSecond);

/// <summary>Null is written out: it is how the API says "unlimited".</summary>
internal sealed record SetStorageLimitRequest(long? LimitBytes);
