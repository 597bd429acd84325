using Spectre.Console;

namespace EdgeRegistry.Cli.Admin;

/// <summary>What <c>edgereg admin</c> takes from its process: streams, environment variables and the network.</summary>
/// <remarks>Tests hand in their own, so commands run in-process with captured output and no real environment.</remarks>
public sealed class AdminEnvironment
{
    /// <summary>Results: tables or JSON. Nothing else is written here.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>The console tables are drawn on, writing to <see cref="Out"/>; made only when a table is drawn.</summary>
    public required Func<IAnsiConsole> CreateTerminal { get; init; }

    /// <summary>
    /// The console transfer progress is drawn on (standard error), or null when there is no terminal to draw it on,
    /// so redirected output never fills with progress frames.
    /// </summary>
    public Func<IAnsiConsole?> CreateProgressTerminal { get; init; } = () => null;

    /// <summary>Errors, one line each.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Read by <c>--file -</c>.</summary>
    public required TextReader In { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>Waits before a retry (a throttled Iot API call); tests that only count the waits skip them.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public Func<HttpMessageHandler> CreateHandler { get; init; } = () => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };

    public static AdminEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        CreateTerminal = () => AnsiConsole.Console,
        CreateProgressTerminal = () => Console.IsErrorRedirected
            ? null
            // Interactive by decision, not detection: Spectre would look at stdout, which scripts redirect.
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes }),
        Error = Console.Error,
        In = Console.In,
        GetVariable = Environment.GetEnvironmentVariable,
    };
}
