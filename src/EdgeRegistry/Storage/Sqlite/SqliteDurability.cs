namespace EdgeRegistry.Storage.Sqlite;

/// <summary>
/// How hard the embedded database works to keep an acknowledged write through a power loss (a process crash loses
/// nothing either way: the WAL is in the operating system's cache).
/// </summary>
public enum SqliteDurability
{
    /// <summary><c>synchronous=FULL</c>: every commit is fsynced before it is acknowledged. The default.</summary>
    Full,

    /// <summary>
    /// <c>synchronous=NORMAL</c>: the WAL is fsynced only at checkpoints, so a power loss (or a kernel crash) may lose
    /// the last acknowledged commits. Faster writes, for data that can be recreated.
    /// </summary>
    Normal,
}

public static class SqliteDurabilityNames
{
    /// <summary>The setting's value (<c>full</c> or <c>normal</c>), or an error naming both.</summary>
    public static SqliteDurability Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "full" => SqliteDurability.Full,
        "normal" => SqliteDurability.Normal,
        _ => throw new InvalidOperationException($"Durability \"{value}\" is not full or normal."),
    };

    public static string Pragma(this SqliteDurability durability) => durability == SqliteDurability.Normal ? "NORMAL" : "FULL";
}
