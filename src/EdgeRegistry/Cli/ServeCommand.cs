using System.CommandLine;

namespace EdgeRegistry.Cli;

public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the EdgeRegistry server.");
        command.SetAction((_, _) => Task.FromResult(0));
        return command;
    }
}
