using EdgeRegistry.Cli;
using EdgeRegistry.Cli.Admin;
using Spectre.Console;

namespace EdgeRegistry.Tests.Cli;

/// <summary>What one <c>edgereg</c> run left behind.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>
/// Runs <c>edgereg</c> in-process through the real root command, with captured streams, given standard input,
/// and only the environment variables a test names (the machine's own never leak in).
/// </summary>
public static class AdminCli
{
    public const string Token = "op-token-0123456789";

    /// <param name="delay">Replaces the waits between retries (none by default means real waits).</param>
    public static async Task<CliRun> RunAsync(
        IReadOnlyList<string> args, string stdin = "", IReadOnlyDictionary<string, string>? variables = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        terminal.Profile.Width = 240;
        var environment = new AdminEnvironment
        {
            Out = output,
            CreateTerminal = () => terminal,
            Error = error,
            In = new StringReader(stdin),
            GetVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            Delay = delay ?? Task.Delay,
        };

        var parse = EdgeRegCommand.Create(environment).Parse(args, EdgeRegCommand.ParserConfiguration);
        var exitCode = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs an admin command against <paramref name="server"/> with the test token.</summary>
    public static Task<CliRun> AgainstAsync(AdminStubServer server, params string[] args) =>
        RunAsync(["admin", "--server", server.Url.ToString(), "--token", Token, .. args]);
}
