using System.Globalization;
using System.Net;

namespace EdgeRegistry.Hosting;

/// <summary>
/// How the server runs. Each setting comes from, highest first: a <c>serve</c> flag, an <c>EDGEREG_*</c>
/// environment variable, the <c>EdgeRegistry</c> section of <c>appsettings.json</c> in the working directory,
/// and the default here. A class, not a record, so that no generated ToString ever prints a secret.
/// </summary>
public sealed class ServerSettings
{
    public const string Section = "EdgeRegistry";

    /// <summary>Configuration key (under <see cref="Section"/>) → environment variable.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentVariables = new Dictionary<string, string>
    {
        ["Listen"] = "EDGEREG_LISTEN",
        ["DataDir"] = "EDGEREG_DATA_DIR",
        ["InMemory"] = "EDGEREG_IN_MEMORY",
        ["RootAccessKeyId"] = "EDGEREG_ROOT_ACCESS_KEY_ID",
        ["RootAccessKeySecret"] = "EDGEREG_ROOT_ACCESS_KEY_SECRET",
        ["MasterKey"] = "EDGEREG_MASTER_KEY",
        ["PublicUrl"] = "EDGEREG_PUBLIC_URL",
        ["MaxPackageBytes"] = "EDGEREG_MAX_PACKAGE_BYTES",
        ["OrphanObjectTtl"] = "EDGEREG_ORPHAN_OBJECT_TTL",
        ["AdminToken"] = "EDGEREG_ADMIN_TOKEN",
        ["Quotas"] = "EDGEREG_QUOTAS",
        ["PortFile"] = "EDGEREG_PORT_FILE",
        ["LogFormat"] = "EDGEREG_LOG_FORMAT",
        ["Postgres"] = "EDGEREG_POSTGRES",
        ["Redis"] = "EDGEREG_REDIS",
        ["ShutdownTimeout"] = "EDGEREG_SHUTDOWN_TIMEOUT",
        ["ReadCacheMegabytes"] = "EDGEREG_READ_CACHE_MB",
        ["Durability"] = "EDGEREG_DURABILITY",
    };

    /// <summary>An operator token anyone could guess in an afternoon is no protection for every tenant's data.</summary>
    public const int MinAdminTokenLength = 16;

    public string Listen { get; init; } = "127.0.0.1:8080";

    public string DataDir { get; init; } = "./data";

    public bool InMemory { get; init; }

    /// <summary>With <see cref="RootAccessKeySecret"/>: the root account's key, instead of a generated one.</summary>
    public string? RootAccessKeyId { get; init; }

    public string? RootAccessKeySecret { get; init; }

    /// <summary>Base64 of the 32-byte key sealing AccessKey secrets; default: a key file in the data dir.</summary>
    public string? MasterKey { get; init; }

    /// <summary>The base of object URLs as clients reach the server (behind a proxy, its URL); default <c>http://{Listen}</c>.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>The largest package or config file accepted by an upload.</summary>
    public long MaxPackageBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How long a presigned object that no version names is kept before it is removed.</summary>
    public TimeSpan OrphanObjectTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The admin API's operator token; default: one generated on the first start.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Whether per-account quotas are enforced (<c>on</c> by default; <c>off</c> for local development and CI).</summary>
    public bool QuotasEnforced { get; init; } = true;

    /// <summary>Where to write the port the server bound once it is ready (for <c>--listen 127.0.0.1:0</c> in scripts); null: nowhere.</summary>
    public string? PortFile { get; init; }

    /// <summary>
    /// Scale-out mode, with <see cref="Redis"/>: the Npgsql connection string of the PostgreSQL every replica shares
    /// (metadata and package bytes). It may hold a password: no message ever repeats it.
    /// </summary>
    public string? Postgres { get; init; }

    /// <summary>Scale-out mode, with <see cref="Postgres"/>: the StackExchange.Redis configuration string.</summary>
    public string? Redis { get; init; }

    /// <summary>How long a stop (SIGTERM, Ctrl+C) waits for requests and uploads in flight before it cuts them off.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Memory for the read cache of pages of versions and drivers, in MiB (estimated); 0 turns it off. Each replica
    /// has its own; an entry is proven current against the database on every hit.
    /// </summary>
    public int ReadCacheMegabytes { get; init; } = 64;
    /// <summary>Embedded mode: <c>full</c> (default) keeps every acknowledged write through a power loss; <c>normal</c> trades that for write rate.</summary>
    public Storage.Sqlite.SqliteDurability Durability { get; init; } = Storage.Sqlite.SqliteDurability.Full;

    /// <summary>Many stateless replicas on one PostgreSQL and one Redis, instead of the embedded SQLite file.</summary>
    public bool ScaleOut => Postgres is not null;

    /// <summary>Reads the merged configuration and fails with a message naming the setting when a value is unusable.</summary>
    public static ServerSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (section.GetChildren().FirstOrDefault(c => !EnvironmentVariables.ContainsKey(c.Key)) is { } unknown)
        {
            // A misspelt key would otherwise be ignored in silence, and the server run on a default the operator did not want.
            throw new InvalidOperationException($"\"{unknown.Key}\" in the {Section} section is not a setting; the settings are {string.Join(", ", EnvironmentVariables.Keys)}.");
        }

        var defaults = new ServerSettings();
        var settings = new ServerSettings
        {
            Listen = section["Listen"] is { Length: > 0 } listen ? listen : defaults.Listen,
            DataDir = section["DataDir"] is { Length: > 0 } dir ? dir : defaults.DataDir,
            InMemory = section["InMemory"] is { Length: > 0 } inMemory && ParseBoolean("InMemory", inMemory),
            RootAccessKeyId = section["RootAccessKeyId"] is { Length: > 0 } id ? id : null,
            RootAccessKeySecret = section["RootAccessKeySecret"] is { Length: > 0 } secret ? secret : null,
            MasterKey = section["MasterKey"] is { Length: > 0 } key ? key : null,
            PublicUrl = section["PublicUrl"] is { Length: > 0 } url ? ParsePublicUrl(url) : null,
            MaxPackageBytes = section["MaxPackageBytes"] is { Length: > 0 } max ? ParsePositive("MaxPackageBytes", max) : defaults.MaxPackageBytes,
            OrphanObjectTtl = section["OrphanObjectTtl"] is { Length: > 0 } ttl ? ParseDuration("OrphanObjectTtl", ttl) : defaults.OrphanObjectTtl,
            AdminToken = section["AdminToken"] is { Length: > 0 } token ? token : null,
            QuotasEnforced = Quotas.QuotaSwitch.IsEnabled(section["Quotas"]),
            PortFile = section["PortFile"] is { Length: > 0 } portFile ? ParsePortFile(portFile) : null,
            Postgres = section["Postgres"] is { Length: > 0 } postgres ? ParsePostgres(postgres) : null,
            Redis = section["Redis"] is { Length: > 0 } redis ? redis : null,
            ShutdownTimeout = section["ShutdownTimeout"] is { Length: > 0 } shutdown ? ParseDuration("ShutdownTimeout", shutdown) : defaults.ShutdownTimeout,
            ReadCacheMegabytes = section["ReadCacheMegabytes"] is { Length: > 0 } cache ? ParseMegabytes("ReadCacheMegabytes", cache) : defaults.ReadCacheMegabytes,
            Durability = section["Durability"] is { Length: > 0 } durability ? Storage.Sqlite.SqliteDurabilityNames.Parse(durability) : defaults.Durability,
        };
        settings.ListenEndpoint();
        if (settings.RootAccessKeyId is null != settings.RootAccessKeySecret is null)
        {
            throw new InvalidOperationException("RootAccessKeyId and RootAccessKeySecret (EDGEREG_ROOT_ACCESS_KEY_ID and _SECRET) are set together or not at all.");
        }

        if (settings.AdminToken is { Length: < MinAdminTokenLength })
        {
            throw new InvalidOperationException($"AdminToken (EDGEREG_ADMIN_TOKEN) is shorter than {MinAdminTokenLength} characters: choose a long random one, or leave it unset to have one generated.");
        }

        settings.CheckScaleOut();
        return settings;
    }

    public IPEndPoint ListenEndpoint()
    {
        var colon = Listen.LastIndexOf(':');
        var host = colon > 0 ? Listen[..colon].Trim('[', ']') : "";
        if (host == "localhost")
        {
            host = "127.0.0.1";
        }

        if (colon <= 0 || !IPAddress.TryParse(host, out var address)
            || !int.TryParse(Listen[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new InvalidOperationException($"Listen \"{Listen}\" is not HOST:PORT with an IP address (or localhost) and a port from 0 to 65535.");
        }

        return new IPEndPoint(address, port);
    }

    /// <summary>The <c>EDGEREG_*</c> variables that are set, as configuration keys.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> FromEnvironment() =>
        EnvironmentVariables
            .Select(e => (Key: $"{Section}:{e.Key}", Value: Environment.GetEnvironmentVariable(e.Value)))
            .Where(e => !string.IsNullOrEmpty(e.Value))
            .Select(e => new KeyValuePair<string, string?>(e.Key, e.Value));

    /// <summary>Half a scale-out configuration would run replicas that disagree (quotas, nonces, caches): refused.</summary>
    private void CheckScaleOut()
    {
        if ((Postgres is null) != (Redis is null))
        {
            throw new InvalidOperationException(Postgres is null
                ? "Redis is set but Postgres is not: scale-out mode needs both (--postgres and --redis)."
                : "Postgres is set but Redis is not: scale-out mode needs both (--postgres and --redis).");
        }

        if (Postgres is not null && InMemory)
        {
            throw new InvalidOperationException("InMemory and Postgres cannot be combined: scale-out mode keeps everything in PostgreSQL.");
        }
    }

    /// <summary>Checked for its syntax only (reachability is the readiness probe's); the message leaves the value out, as it may hold a password.</summary>
    private static string ParsePostgres(string value)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(value);
            return value;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Postgres is not an Npgsql connection string such as \"Host=db;Database=edgereg;Username=edgereg\": {e.Message}");
        }
    }

    private static Uri ParsePublicUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Query.Length == 0
            ? uri
            : throw new InvalidOperationException($"PublicUrl \"{value}\" is not an http or https URL without a query.");

    /// <summary>A file in a folder that exists: found out at start-up, not after the server is already serving.</summary>
    private static string ParsePortFile(string value)
    {
        var full = Path.GetFullPath(value);
        return Directory.Exists(full) || !Directory.Exists(Path.GetDirectoryName(full))
            ? throw new InvalidOperationException($"PortFile \"{value}\" is not a file in a folder that exists.")
            : full;
    }

    private static int ParseMegabytes(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result <= 1024 * 1024
            ? result
            : throw new InvalidOperationException($"{name} \"{value}\" is not a whole number of MiB from 0 (off) to 1048576.");

    private static long ParsePositive(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result > 0
            ? result
            : throw new InvalidOperationException($"{name} \"{value}\" is not a positive whole number of bytes.");

    /// <summary>A number of seconds, or a number with s, m, h or d (<c>90s</c>, <c>24h</c>).</summary>
    private static TimeSpan ParseDuration(string name, string value)
    {
        var unit = value[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        var digits = unit == 0 ? value : value[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? TimeSpan.FromSeconds(amount * Math.Max(unit, 1))
            : throw new InvalidOperationException($"{name} \"{value}\" is not a duration such as 3600, 90s, 30m or 24h.");
    }

    private static bool ParseBoolean(string name, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new InvalidOperationException($"{name} \"{value}\" is not a boolean (true or false)."),
    };
}
