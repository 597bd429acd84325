using System.CommandLine;

namespace EdgeRegistry.Cli.User.Versions;

/// <summary><c>edgereg versions show DRIVER_ID VERSION</c>: GetEdgeDriverVersion.</summary>
public sealed class VersionsShowCommand : UserLeafCommand
{
    private readonly Argument<string> _driver = UserArguments.Driver();
    private readonly Argument<string> _version = UserArguments.Version();

    public VersionsShowCommand(UserContext context)
        : base("show", "Show one version, with its configuration and package.", context)
    {
        Arguments.Add(_driver);
        Arguments.Add(_version);
    }

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var version = await invocation.Client.GetVersionAsync(
            invocation.Parse.GetRequiredValue(_driver), invocation.Parse.GetRequiredValue(_version), cancellationToken);
        invocation.Output.Item(version, VersionFields.All);
        return ExitCodes.Ok;
    }
}
