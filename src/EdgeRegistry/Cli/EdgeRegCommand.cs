using System.CommandLine;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.User.Configure;
using EdgeRegistry.Cli.User.Drivers;
using EdgeRegistry.Cli.User.Versions;

namespace EdgeRegistry.Cli;

/// <summary>The root of the <c>edgereg</c> command line: one subcommand per file.</summary>
public static class EdgeRegCommand
{
    /// <summary>
    /// How <c>edgereg</c> parses: without response files, so that <c>@FILE</c> reaches the options that read a JSON
    /// value from a file (<c>--container-config @cc.json</c>) instead of being expanded into tokens.
    /// </summary>
    public static ParserConfiguration ParserConfiguration { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// No termination handling of System.CommandLine's: it would end the process 2 s after SIGTERM, cutting short
    /// <c>serve</c>'s drain of requests in flight; the server's host handles SIGTERM and Ctrl+C itself.
    /// </summary>
    public static InvocationConfiguration InvocationConfiguration { get; } = new() { ProcessTerminationTimeout = null };

    public static RootCommand Create() => Create(AdminEnvironment.FromProcess());

    /// <param name="adminEnvironment">
    /// The streams, environment and network the client commands (<c>admin</c>, <c>drivers</c>, <c>versions</c>, <c>configure</c>)
    /// use; tests pass their own.
    /// </param>
    public static RootCommand Create(AdminEnvironment adminEnvironment)
    {
        var root = new RootCommand("EdgeRegistry: a self-hosted registry of Link IoT Edge drivers speaking Alibaba Cloud's Iot API.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create(adminEnvironment));
        root.Subcommands.Add(AdminCommand.Create(adminEnvironment));
        root.Subcommands.Add(DriversCommand.Create(adminEnvironment));
        root.Subcommands.Add(VersionsCommand.Create(adminEnvironment));
        root.Subcommands.Add(new ConfigureCommand(adminEnvironment));
        root.Subcommands.Add(new Backup.BackupCommand(adminEnvironment));
        root.Subcommands.Add(new Backup.RestoreCommand(adminEnvironment));
        return root;
    }
}
