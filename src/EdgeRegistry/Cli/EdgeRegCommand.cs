using System.CommandLine;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli;

/// <summary>The root of the <c>edgereg</c> command line: one subcommand per file.</summary>
public static class EdgeRegCommand
{
    public static RootCommand Create() => Create(AdminEnvironment.FromProcess());

    /// <param name="adminEnvironment">The streams, environment and network <c>edgereg admin</c> uses; tests pass their own.</param>
    public static RootCommand Create(AdminEnvironment adminEnvironment)
    {
        var root = new RootCommand("EdgeRegistry: a self-hosted registry of Link IoT Edge drivers speaking Alibaba Cloud's Iot API.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(AdminCommand.Create(adminEnvironment));
        return root;
    }
}
