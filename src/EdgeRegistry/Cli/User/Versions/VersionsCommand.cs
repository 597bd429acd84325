using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli.User.Versions;

/// <summary><c>edgereg versions</c>: a driver's versions and their code packages, through the Iot API.</summary>
public sealed class VersionsCommand : AdminGroupCommand
{
    public VersionsCommand(UserContext context)
        : base("versions", UserHelp.With("Driver versions: list, show, create, update, publish, delete, and download their packages."), context.Environment)
    {
        foreach (var option in context.Options.All)
        {
            Options.Add(option);
        }

        Subcommands.Add(new VersionsListCommand(context));
        Subcommands.Add(new VersionsShowCommand(context));
        Subcommands.Add(new VersionsWriteCommand(context, replace: false));
        Subcommands.Add(new VersionsWriteCommand(context, replace: true));
        Subcommands.Add(new VersionsPublishCommand(context));
        Subcommands.Add(new VersionsDeleteCommand(context));
        Subcommands.Add(new VersionsDownloadCommand(context));
    }

    public static VersionsCommand Create(AdminEnvironment environment) => new(new UserContext(environment, new UserGlobalOptions()));
}
