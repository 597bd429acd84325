using System.CommandLine;

namespace EdgeRegistry.Cli.User.Drivers;

/// <summary><c>edgereg drivers delete DRIVER_ID</c>: DeleteEdgeDriver.</summary>
public sealed class DriversDeleteCommand : UserLeafCommand
{
    private readonly Argument<string> _driver = UserArguments.Driver();

    public DriversDeleteCommand(UserContext context)
        : base("delete", "Delete a driver with its versions and packages; refused while a version is published.", context)
    {
        Arguments.Add(_driver);
    }

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var driverId = invocation.Parse.GetRequiredValue(_driver);
        await invocation.Client.DeleteDriverAsync(driverId, cancellationToken);
        invocation.Output.Done($"Deleted driver {driverId}.");
        return ExitCodes.Ok;
    }
}
