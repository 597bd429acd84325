using System.CommandLine;
using EdgeRegistry.Cli.User.Client;

namespace EdgeRegistry.Cli.User.Drivers;

/// <summary><c>edgereg drivers list [--name TEXT] [--all]</c>: QueryEdgeDriver, one page or every page.</summary>
public sealed class DriversListCommand : UserLeafCommand
{
    private readonly Option<string> _name = new("--name") { Description = "Only drivers whose name contains TEXT (any letter case).", HelpName = "TEXT" };
    private readonly Option<bool> _all = new("--all") { Description = $"Every driver, {IotClient.MaxPageSize} per call (default: the newest {IotClient.MaxPageSize})." };

    public DriversListCommand(UserContext context)
        : base("list", "List drivers, newest first.", context)
    {
        Options.Add(_name);
        Options.Add(_all);
    }

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var name = invocation.Parse.GetValue(_name);
        IReadOnlyList<IotDriver> drivers;
        if (invocation.Parse.GetValue(_all))
        {
            drivers = await IotPaging.AllAsync(page => invocation.Client.QueryDriversAsync(name, page, cancellationToken), d => d.DriverId);
            invocation.Output.List(drivers, "No drivers.", DriverFields.Row);
            return ExitCodes.Ok;
        }

        var first = await invocation.Client.QueryDriversAsync(name, 1, cancellationToken);
        invocation.Output.List(first.Items, "No drivers.", DriverFields.Row);
        if (first.Total > first.Items.Count)
        {
            invocation.Output.Notice($"{first.Items.Count} of {first.Total} drivers shown; --all lists every one.");
        }

        return ExitCodes.Ok;
    }
}
