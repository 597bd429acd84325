using System.CommandLine;

namespace EdgeRegistry.Cli.User.Versions;

/// <summary><c>edgereg versions publish DRIVER_ID VERSION</c>: ReleaseEdgeDriverVersion.</summary>
public sealed class VersionsPublishCommand : UserLeafCommand
{
    private readonly Argument<string> _driver = UserArguments.Driver();
    private readonly Argument<string> _version = UserArguments.Version();

    public VersionsPublishCommand(UserContext context)
        : base("publish", "Publish a version. There is no way back: a published version is immutable and cannot be deleted.", context)
    {
        Arguments.Add(_driver);
        Arguments.Add(_version);
    }

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var driverId = invocation.Parse.GetRequiredValue(_driver);
        var version = invocation.Parse.GetRequiredValue(_version);
        await invocation.Client.ReleaseVersionAsync(driverId, version, cancellationToken);
        invocation.Output.Done($"Published version {version} of driver {driverId}.");
        return ExitCodes.Ok;
    }
}
