using System.CommandLine;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Cli.User.Credentials;

namespace EdgeRegistry.Cli.User;

/// <summary>Where the Iot API is, the key that signs the calls, the instance they name, and how to print.</summary>
public sealed record UserConnection(Uri Endpoint, AccessKeyPair Key, string? InstanceId, bool Json);

/// <summary>
/// The options every <c>edgereg drivers|versions</c> command takes, before or after its own. Each value comes from
/// the first place that has it: the option, then the environment, then a profile (<see cref="ProfileLookup"/>).
/// </summary>
public sealed class UserGlobalOptions
{
    public const string DefaultEndpoint = "http://127.0.0.1:8080";

    public Option<string> Endpoint { get; } = new("--endpoint")
    {
        Description = $"The Iot API endpoint (env EDGEREG_ENDPOINT; else the profile's; default {DefaultEndpoint}).",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string> AccessKeyId { get; } = new("--access-key-id")
    {
        Description = "The AccessKeyId, with --access-key-secret (env ALIBABA_CLOUD_ACCESS_KEY_ID; else the profile's).",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string> AccessKeySecret { get; } = new("--access-key-secret")
    {
        Description = "The AccessKeySecret (env ALIBABA_CLOUD_ACCESS_KEY_SECRET; else the profile's).",
        HelpName = "SECRET",
        Recursive = true,
    };

    public Option<string> Instance { get; } = new("--instance")
    {
        Description = "The IotInstanceId of an Enterprise instance (env EDGEREG_INSTANCE; else the profile's; default, or \"\": the public instance).",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string> Profile { get; } = new("--profile")
    {
        Description = "A profile saved by 'edgereg configure', or an AK profile of the aliyun CLI (env EDGEREG_PROFILE; default: 'default', then the aliyun CLI's current profile).",
        HelpName = "NAME",
        Recursive = true,
    };

    public Option<string> Output { get; } = new Option<string>("--output")
    {
        Description = "table for people, json for scripts: the API's records and nothing else on stdout.",
        DefaultValueFactory = _ => "table",
        Recursive = true,
    }.AcceptOnlyFromAmong("table", "json");

    public IEnumerable<Option> All => [Endpoint, AccessKeyId, AccessKeySecret, Instance, Profile, Output];

    public UserConnection Resolve(ParseResult parse, AdminEnvironment environment)
    {
        string? Variable(string name) => NonEmpty(environment.GetVariable(name));
        var profiles = new ProfileLookup(ConfigLocations.From(environment.GetVariable),
            NonEmpty(parse.GetValue(Profile)) ?? Variable("EDGEREG_PROFILE"), Variable("ALIBABA_CLOUD_PROFILE"));

        var (endpoint, endpointSource) = NonEmpty(parse.GetValue(Endpoint)) is { } e ? (e, "--endpoint")
            : Variable("EDGEREG_ENDPOINT") is { } v ? (v, "EDGEREG_ENDPOINT")
            : NonEmpty(profiles.Own?.Endpoint) is { } p ? (p, $"profile '{profiles.Own!.Name}'")
            : (DefaultEndpoint, "the default");
        var key = Pair(parse.GetValue(AccessKeyId), parse.GetValue(AccessKeySecret), "--access-key-id", "--access-key-secret", "the options")
            ?? Pair(Variable("ALIBABA_CLOUD_ACCESS_KEY_ID"), Variable("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
                "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "the environment")
            ?? profiles.OwnKey
            ?? profiles.AliyunKey
            ?? throw new AdminCliException(ExitCodes.Unauthorized,
                "no AccessKey: looked at --access-key-id with --access-key-secret; ALIBABA_CLOUD_ACCESS_KEY_ID with " +
                $"ALIBABA_CLOUD_ACCESS_KEY_SECRET; {profiles.Describe()}. Save one with 'edgereg configure'.");
        // --instance "" names the public instance, over an instance set in the environment or the profile.
        var instance = parse.GetValue(Instance) is { } option ? NonEmpty(option) : Variable("EDGEREG_INSTANCE") ?? NonEmpty(profiles.Own?.InstanceId);
        return new UserConnection(ParseEndpoint(endpoint, endpointSource), key, instance, parse.GetValue(Output) == "json");
    }

    /// <summary>The RPC API answers at <c>/</c> of its host, so the endpoint is a scheme, a host and maybe a port.</summary>
    public static Uri ParseEndpoint(string value, string source) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.UserInfo.Length == 0
            ? uri
            : throw AdminCliException.Usage($"the endpoint from {source} must be an http:// or https:// URL with no path, such as {DefaultEndpoint}, not '{value}'.");

    /// <summary>A key pair from one place; half a pair there is a mistake to report, not a reason to look further.</summary>
    private static AccessKeyPair? Pair(string? id, string? secret, string idName, string secretName, string source) =>
        (NonEmpty(id), NonEmpty(secret)) switch
        {
            (null, null) => null,
            ({ } i, { } s) => new AccessKeyPair(i, s, source),
            (null, _) => throw AdminCliException.Usage($"{secretName} is set without {idName}."),
            (_, null) => throw AdminCliException.Usage($"{idName} is set without {secretName}."),
        };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
