using System.CommandLine;

namespace EdgeRegistry.Cli;

/// <summary>The root of the <c>edgereg</c> command line: one subcommand per file.</summary>
public static class EdgeRegCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("EdgeRegistry: a self-hosted registry of Link IoT Edge drivers speaking Alibaba Cloud's Iot API.");
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }
}
