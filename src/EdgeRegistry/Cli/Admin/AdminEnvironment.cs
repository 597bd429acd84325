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

    /// <summary>Errors, one line each.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Read by <c>--file -</c>.</summary>
    public required TextReader In { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    public Func<HttpMessageHandler> CreateHandler { get; init; } = () => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };

    public static AdminEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        CreateTerminal = () => AnsiConsole.Console,
        Error = Console.Error,
        In = Console.In,
        GetVariable = Environment.GetEnvironmentVariable,
    };
}
