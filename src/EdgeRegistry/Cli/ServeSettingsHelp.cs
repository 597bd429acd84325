using System.Text;
using EdgeRegistry.Hosting;

namespace EdgeRegistry.Cli;

/// <summary>
/// The part of <c>serve --help</c> that lists every setting, the environment-only ones included: each with its
/// environment variable, its appsettings.json key and its flag when it has one. A setting added to
/// <see cref="ServerSettings.EnvironmentVariables"/> without a line here fails a test, so none can be forgotten.
/// </summary>
public static class ServeSettingsHelp
{
    /// <summary>Configuration key → (flag or null, what it does and its default).</summary>
    public static readonly IReadOnlyDictionary<string, (string? Flag, string Text)> Settings = new Dictionary<string, (string?, string)>
    {
        ["Listen"] = ("--listen", "HOST:PORT to listen on (default 127.0.0.1:8080)."),
        ["DataDir"] = ("--data-dir", "Folder for the database and package files (default ./data)."),
        ["InMemory"] = ("--in-memory", "true: keep everything in memory, write nothing to disk."),
        ["PublicUrl"] = ("--public-url", "Base of object URLs as clients reach the server (default http://LISTEN)."),
        ["Quotas"] = ("--quotas", "on (default) or off: enforce per-account quotas."),
        ["PortFile"] = ("--port-file", "Write the port bound to this file once ready."),
        ["Postgres"] = ("--postgres", "Scale-out mode, with Redis: Npgsql connection string of the shared PostgreSQL."),
        ["Redis"] = ("--redis", "Scale-out mode, with Postgres: StackExchange.Redis configuration."),
        ["ReadCacheMegabytes"] = (null, "MiB for the read cache of version and driver pages, per replica; 0 turns it off (default 64)."),
        ["Durability"] = ("--durability", "full (default): every acknowledged write survives a power loss; normal: faster writes, the last ones may be lost on power loss."),
        ["ShutdownTimeout"] = ("--shutdown-timeout", "How long a stop (SIGTERM, Ctrl+C) lets requests and uploads in flight finish, e.g. 30s (default 30s)."),
        ["RootAccessKeyId"] = (null, "With RootAccessKeySecret: the root account's AccessKeyId, instead of a generated pair."),
        ["RootAccessKeySecret"] = (null, "With RootAccessKeyId: the root account's AccessKeySecret."),
        ["MasterKey"] = (null, "Base64 of the 32-byte key sealing AccessKey secrets (default: master.key in the data dir)."),
        ["AdminToken"] = (null, "The admin API's operator token, 16 characters or more (default: generated on first start)."),
        ["MaxPackageBytes"] = (null, "Largest package upload in bytes (default 2147483648)."),
        ["OrphanObjectTtl"] = (null, "How long a presigned object no version names is kept, e.g. 24h (default 24h)."),
        ["LogFormat"] = (null, "text (default) or json: one JSON object per line on stdout."),
    };

    /// <summary>The text appended to the command's description.</summary>
    public static string Text()
    {
        var text = new StringBuilder("\n\nSettings: a flag beats its EDGEREG_* environment variable, which beats the key in the \"")
            .Append(ServerSettings.Section).Append("\" section of ./appsettings.json:\n");
        foreach (var (key, variable) in ServerSettings.EnvironmentVariables)
        {
            var (flag, description) = Settings.TryGetValue(key, out var help) ? help : (null, "(undocumented)");
            text.Append($"  {variable,-31} {key,-20} {flag ?? "(environment or appsettings only)"}\n      {description}\n");
        }

        return text.ToString().TrimEnd();
    }
}
