using System.CommandLine;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.Admin.Output;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Cli.User.Credentials;
using Spectre.Console;

namespace EdgeRegistry.Cli.User.Configure;

/// <summary>A profile as <c>configure list</c> shows it: never its secret.</summary>
/// <param name="From">"edgereg" or "aliyun".</param>
public sealed record ListedProfile(string Name, string From, string? Endpoint, string? AccessKeyId, string? InstanceId, string? Mode);

/// <summary><c>edgereg configure list</c>: the profiles of edgereg's file and the aliyun CLI's, without secrets.</summary>
public sealed class ConfigureListCommand : Command
{
    private readonly Option<string> _output = new Option<string>("--output")
    {
        Description = "table for people, json for scripts.",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json");

    public ConfigureListCommand(AdminEnvironment environment)
        : base("list", "List the saved profiles and the aliyun CLI's, without their secrets.")
    {
        Options.Add(_output);
        Action = new AdminCommandAction((parse, _) =>
        {
            var problems = AdminUsage.Problems(parse).ToList();
            if (problems.Count > 0)
            {
                return Task.FromResult(AdminUsage.Report(parse, environment.Error, problems));
            }

            try
            {
                var locations = ConfigLocations.From(environment.GetVariable);
                List<ListedProfile> listed =
                [
                    .. (locations.ProfileFile is { } own ? ProfileFiles.Read(own) : [])
                        .Select(p => new ListedProfile(p.Name, "edgereg", p.Endpoint, p.AccessKeyId, p.InstanceId, null)),
                    .. (locations.AliyunFile is { } aliyun ? ProfileFiles.ReadAliyun(aliyun)?.Profiles ?? [] : [])
                        .Select(p => new ListedProfile(p.Name, "aliyun", null, p.AccessKeyId, null, p.Mode)),
                ];
                IAdminOutput output = parse.GetValue(_output) == "json"
                    ? new JsonAdminOutput(environment.Out, IotJson.Output)
                    : new TableAdminOutput(environment.CreateTerminal());
                output.List<ListedProfile>(listed, $"No profiles in {locations.ProfileFile ?? "(no config folder)"} or {locations.AliyunFile ?? "(no home folder)"}.",
                    new("Profile", p => p.Name), new("From", p => p.From), new("Endpoint", p => p.Endpoint),
                    new("AccessKeyId", p => p.AccessKeyId), new("Instance", p => p.InstanceId), new("Mode", p => p.Mode));
                return Task.FromResult(ExitCodes.Ok);
            }
            catch (AdminCliException e)
            {
                environment.Error.WriteLine($"edgereg: {e.Message}");
                return Task.FromResult(e.ExitCode);
            }
        });
    }
}
