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
    };

    public string Listen { get; init; } = "127.0.0.1:8080";

    public string DataDir { get; init; } = "./data";

    public bool InMemory { get; init; }

    /// <summary>With <see cref="RootAccessKeySecret"/>: the root account's key, instead of a generated one.</summary>
    public string? RootAccessKeyId { get; init; }

    public string? RootAccessKeySecret { get; init; }

    /// <summary>Base64 of the 32-byte key sealing AccessKey secrets; default: a key file in the data dir.</summary>
    public string? MasterKey { get; init; }

    /// <summary>Reads the merged configuration and fails with a message naming the setting when a value is unusable.</summary>
    public static ServerSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new ServerSettings();
        var settings = new ServerSettings
        {
            Listen = section["Listen"] is { Length: > 0 } listen ? listen : defaults.Listen,
            DataDir = section["DataDir"] is { Length: > 0 } dir ? dir : defaults.DataDir,
            InMemory = section["InMemory"] is { Length: > 0 } inMemory && ParseBoolean("InMemory", inMemory),
            RootAccessKeyId = section["RootAccessKeyId"] is { Length: > 0 } id ? id : null,
            RootAccessKeySecret = section["RootAccessKeySecret"] is { Length: > 0 } secret ? secret : null,
            MasterKey = section["MasterKey"] is { Length: > 0 } key ? key : null,
        };
        settings.ListenEndpoint();
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

    private static bool ParseBoolean(string name, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new InvalidOperationException($"{name} \"{value}\" is not a boolean (true or false)."),
    };
}
