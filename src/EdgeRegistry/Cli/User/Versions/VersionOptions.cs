using System.CommandLine;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.User.Client;

namespace EdgeRegistry.Cli.User.Versions;

/// <summary>
/// The options of <c>versions create</c> and <c>versions update</c>, which take the same ones. JSON values are sent
/// as given (the server checks them and names what is wrong); <c>@FILE</c> reads one from a file.
/// </summary>
internal sealed class VersionOptions
{
    public Option<string> EdgeVersion { get; } = new("--edge-version")
    {
        Description = "The oldest gateway runtime that can run it, e.g. 2.4.0.",
        HelpName = "E",
        Required = true,
    };

    public Option<string> Package { get; } = new("--package") { Description = "Upload FILE as the code package (name.ext, e.g. driver.zip).", HelpName = "FILE" };

    public Option<string> Description { get; } = new("--description") { Description = "Up to 256 bytes of text.", HelpName = "D" };

    public Option<string> Argument { get; } = new("--argument")
    {
        Description = "JVM start-up arguments of a Java driver; write --argument=-Xmx64m when they start with '-'.",
        HelpName = "A",
    };

    public Option<string> ContainerConfig { get; } = JsonOption("--container-config", "How the driver's container runs");

    public Option<string> DriverConfig { get; } = JsonOption("--driver-config", "The driver's configuration, [{\"format\":\"KV\"|\"JSON\"|\"FILE\",\"content\":...}]");

    public Option<string> ConfigCheckRule { get; } = JsonOption("--config-check-rule", "Which configs are required");

    public IEnumerable<Option> All => [EdgeVersion, Package, Description, Argument, ContainerConfig, DriverConfig, ConfigCheckRule];

    /// <summary>What to send, SourceConfig aside; reads the <c>@FILE</c> values.</summary>
    public IotVersionContent Content(ParseResult parse, string? sourceConfig) => new(
        parse.GetRequiredValue(EdgeVersion),
        parse.GetValue(Description),
        sourceConfig,
        JsonValue(parse, DriverConfig),
        JsonValue(parse, ContainerConfig),
        JsonValue(parse, ConfigCheckRule),
        parse.GetValue(Argument));

    private static Option<string> JsonOption(string name, string what) =>
        new(name) { Description = $"{what}: JSON, or @FILE to read it from FILE.", HelpName = "JSON|@FILE" };

    private static string? JsonValue(ParseResult parse, Option<string> option)
    {
        if (parse.GetValue(option) is not ['@', .. var file])
        {
            return parse.GetValue(option);
        }

        try
        {
            // A file ends with a newline the JSON value did not mean to carry.
            return File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw AdminCliException.Usage($"cannot read {option.Name} from {file}: {e.Message}");
        }
    }
}
