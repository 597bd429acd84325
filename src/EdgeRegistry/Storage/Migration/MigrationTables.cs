namespace EdgeRegistry.Storage.Migration;

/// <summary>
/// The tables <c>edgereg migrate</c> copies, parents before children (the foreign keys are checked row by row),
/// each with the columns that order its rows. The two schemas are the same tables column for column (PostgreSQL's
/// types for SQLite's), so a row is copied as it is: driver and version keys, ords, block counts and the per-scope
/// counters keep their values and stay consistent with one another. Not copied: <c>nonces</c> (each expires within
/// the timestamp window; the scale-out replicas keep theirs in Redis) and the schema bookkeeping.
/// </summary>
internal static class MigrationTables
{
    public static readonly IReadOnlyList<MigrationTable> All =
    [
        new("accounts", "account_id"),
        new("access_keys", "access_key_id"),
        new("instances", "account_id, instance_id"),
        new("server_settings", "name"),
        new("ram_users", "account_id, user_name"),
        new("policies", "account_id, policy_name"),
        new("user_policies", "account_id, user_name, policy_name"),
        new("quota_overrides", "account_id, action"),
        new("storage_limits", "account_id"),
        new("scope_counts", "account_id, instance_id"),
        new("drivers", "driver_pk", Identity: "driver_pk"),
        new("driver_versions", "version_pk", Identity: "version_pk"),
        new("version_blocks", "driver_pk, list, block"),
        new("objects", "object_key"),
        new("version_objects", "version_pk, object_key"),
    ];
}

/// <param name="Identity">A generated key column whose sequence must continue after the copied values.</param>
internal sealed record MigrationTable(string Name, string OrderBy, string? Identity = null);
