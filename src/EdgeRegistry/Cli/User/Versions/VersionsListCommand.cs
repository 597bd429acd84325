using System.CommandLine;
using EdgeRegistry.Cli.User.Client;

namespace EdgeRegistry.Cli.User.Versions;

/// <summary><c>edgereg versions list DRIVER_ID [--state published|unpublished] [--version V] [--all]</c>: QueryEdgeDriverVersion.</summary>
public sealed class VersionsListCommand : UserLeafCommand
{
    private readonly Argument<string> _driver = UserArguments.Driver();
    private readonly Option<string> _state = new Option<string>("--state") { Description = "Only published or only unpublished versions." }
        .AcceptOnlyFromAmong("published", "unpublished");
    private readonly Option<string> _version = new("--version") { Description = "Only this exact version.", HelpName = "V" };
    private readonly Option<bool> _all = new("--all") { Description = $"Every version, {IotClient.MaxPageSize} per call (default: the newest {IotClient.MaxPageSize})." };

    public VersionsListCommand(UserContext context)
        : base("list", "List a driver's versions, newest first.", context)
    {
        Arguments.Add(_driver);
        Options.Add(_state);
        Options.Add(_version);
        Options.Add(_all);
    }

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var parse = invocation.Parse;
        var driverId = parse.GetRequiredValue(_driver);
        var state = parse.GetValue(_state) switch { "published" => "1", "unpublished" => "0", _ => null };
        var version = parse.GetValue(_version);
        Task<IotPage<IotDriverVersion>> Page(int page) => invocation.Client.QueryVersionsAsync(driverId, state, version, page, cancellationToken);

        if (parse.GetValue(_all))
        {
            invocation.Output.List(await IotPaging.AllAsync(Page, v => v.DriverVersion), "No versions.", VersionFields.Row);
            return ExitCodes.Ok;
        }

        var first = await Page(1);
        invocation.Output.List(first.Items, "No versions.", VersionFields.Row);
        if (first.Total > first.Items.Count)
        {
            invocation.Output.Notice($"{first.Items.Count} of {first.Total} versions shown; --all lists every one.");
        }

        return ExitCodes.Ok;
    }
}
