using System.CommandLine;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli.User.Drivers;

/// <summary><c>edgereg drivers show DRIVER_ID</c>: BatchGetEdgeDriver with one id.</summary>
public sealed class DriversShowCommand : UserLeafCommand
{
    private readonly Argument<string> _driver = UserArguments.Driver();

    public DriversShowCommand(UserContext context)
        : base("show", "Show one driver.", context)
    {
        Arguments.Add(_driver);
    }

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var driverId = invocation.Parse.GetRequiredValue(_driver);
        var found = await invocation.Client.GetDriversAsync([driverId], cancellationToken);
        if (found.Count == 0)
        {
            // BatchGetEdgeDriver leaves unknown ids out instead of failing.
            throw new AdminCliException(ExitCodes.NotFound, $"no driver {driverId} in this account and instance.");
        }

        invocation.Output.Item(found[0], DriverFields.All);
        return ExitCodes.Ok;
    }
}
