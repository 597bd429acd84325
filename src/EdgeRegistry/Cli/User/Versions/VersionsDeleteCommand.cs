using System.CommandLine;

namespace EdgeRegistry.Cli.User.Versions;

/// <summary><c>edgereg versions delete DRIVER_ID VERSION</c>: DeleteEdgeDriverVersion.</summary>
public sealed class VersionsDeleteCommand : UserLeafCommand
{
    private readonly Argument<string> _driver = UserArguments.Driver();
    private readonly Argument<string> _version = UserArguments.Version();

    public VersionsDeleteCommand(UserContext context)
        : base("delete", "Delete an unpublished version and its package.", context)
    {
        Arguments.Add(_driver);
        Arguments.Add(_version);
    }

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var driverId = invocation.Parse.GetRequiredValue(_driver);
        var version = invocation.Parse.GetRequiredValue(_version);
        await invocation.Client.DeleteVersionAsync(driverId, version, cancellationToken);
        invocation.Output.Done($"Deleted version {version} of driver {driverId}.");
        return ExitCodes.Ok;
    }
}
