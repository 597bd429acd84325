using System.CommandLine;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.User.Credentials;

namespace EdgeRegistry.Cli.User.Configure;

/// <summary>
/// <c>edgereg configure [--profile NAME] [--endpoint URL] [--access-key-id ID --access-key-secret SECRET|-] [--instance ID]</c>:
/// saves a profile for the <c>drivers</c> and <c>versions</c> commands. Values not given keep what the profile had.
/// </summary>
public sealed class ConfigureCommand : Command
{
    private readonly Option<string> _profile = new("--profile") { Description = "The profile to save (env EDGEREG_PROFILE; default 'default').", HelpName = "NAME" };
    private readonly Option<string> _endpoint = new("--endpoint") { Description = "The Iot API endpoint, e.g. http://127.0.0.1:8080.", HelpName = "URL" };
    private readonly Option<string> _keyId = new("--access-key-id") { Description = "The AccessKeyId, with --access-key-secret.", HelpName = "ID" };
    private readonly Option<string> _keySecret = new("--access-key-secret") { Description = "The AccessKeySecret; - reads it from standard input.", HelpName = "SECRET" };
    private readonly Option<string> _instance = new("--instance") { Description = "The IotInstanceId calls name by default.", HelpName = "ID" };
    private readonly AdminEnvironment _environment;

    public ConfigureCommand(AdminEnvironment environment)
        : base("configure", """
            Save the endpoint, AccessKey and instance the drivers and versions commands use, in a profile file readable
            only by you (~/.config/edgereg/config.json; EDGEREG_CONFIG_DIR moves it). An empty value ("") removes one.
            The AccessKey profiles of the aliyun CLI (~/.aliyun/config.json) are read too: with one, an endpoint is enough.
            """)
    {
        _environment = environment;
        Options.Add(_profile);
        Options.Add(_endpoint);
        Options.Add(_keyId);
        Options.Add(_keySecret);
        Options.Add(_instance);
        Subcommands.Add(new ConfigureListCommand(environment));
        Action = new AdminCommandAction((parse, _) => Task.FromResult(Run(parse)));
    }

    private int Run(ParseResult parse)
    {
        var problems = AdminUsage.Problems(parse).ToList();
        if (problems.Count > 0)
        {
            return AdminUsage.Report(parse, _environment.Error, problems);
        }

        try
        {
            var path = ConfigLocations.From(_environment.GetVariable).ProfileFile
                ?? throw AdminCliException.Usage($"no config folder to save to: set HOME or {ConfigLocations.ConfigDirVariable}.");
            var name = NonEmpty(parse.GetValue(_profile)) ?? NonEmpty(_environment.GetVariable("EDGEREG_PROFILE")) ?? ProfileLookup.DefaultName;
            var profiles = ProfileFiles.Read(path).ToList();
            var index = profiles.FindIndex(p => p.Name == name);
            var saved = Merge(parse, index < 0 ? new Profile { Name = name } : profiles[index]);
            if (index < 0)
            {
                profiles.Add(saved);
            }
            else
            {
                profiles[index] = saved;
            }

            ProfileFiles.Write(path, profiles);
            _environment.Out.WriteLine($"Saved profile '{name}' to {path}.");
            return ExitCodes.Ok;
        }
        catch (AdminCliException e)
        {
            _environment.Error.WriteLine($"edgereg: {e.Message}");
            return e.ExitCode;
        }
    }

    /// <summary>The profile with the values given; "" removes one. The key's two halves change together.</summary>
    private Profile Merge(ParseResult parse, Profile profile)
    {
        var (endpoint, id, secret, instance) = (parse.GetValue(_endpoint), parse.GetValue(_keyId), parse.GetValue(_keySecret), parse.GetValue(_instance));
        if (endpoint is null && id is null && secret is null && instance is null)
        {
            throw AdminCliException.Usage("nothing to save: give --endpoint, --access-key-id with --access-key-secret, or --instance.");
        }

        if ((id is null) != (secret is null))
        {
            throw AdminCliException.Usage("--access-key-id and --access-key-secret go together.");
        }

        if (secret == "-")
        {
            secret = _environment.In.ReadLine()?.Trim() ?? "";
        }

        if (NonEmpty(endpoint) is { } url)
        {
            UserGlobalOptions.ParseEndpoint(url, "--endpoint");
        }

        return profile with
        {
            Endpoint = endpoint is null ? profile.Endpoint : NonEmpty(endpoint),
            AccessKeyId = id is null ? profile.AccessKeyId : NonEmpty(id),
            AccessKeySecret = secret is null ? profile.AccessKeySecret : NonEmpty(secret),
            InstanceId = instance is null ? profile.InstanceId : NonEmpty(instance),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
