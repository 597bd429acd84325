using System.CommandLine;
using System.Text.Json;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli;

/// <summary>
/// A command that calls a server (the admin API, or the Iot API). This base checks the usage, then turns what can
/// go wrong into one line on stderr and a named exit code; a subclass connects, runs the command, and says how its
/// client's API errors read.
/// </summary>
public abstract class ServerCallingCommand : Command
{
    protected static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly AdminEnvironment _environment;

    protected ServerCallingCommand(string name, string description, AdminEnvironment environment)
        : base(name, description)
    {
        _environment = environment;
        Action = new AdminCommandAction(RunAsync);
    }

    /// <summary>Checks of the arguments together that the parser cannot make; a message means wrong usage.</summary>
    protected virtual string? Validate(ParseResult parse) => null;

    /// <summary>Connects and runs the command; <paramref name="server"/> learns the address, for error messages.</summary>
    protected abstract Task<int> ConnectAndExecuteAsync(ParseResult parse, Action<string> server, CancellationToken cancellationToken);

    /// <summary>The exit code and message of an error the server answered, or null when the exception is no such error.</summary>
    protected abstract (int ExitCode, string Message)? ApiFailure(Exception exception);

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var problems = AdminUsage.Problems(parse).ToList();
        if (problems.Count == 0 && Validate(parse) is { } problem)
        {
            problems.Add(problem);
        }

        if (problems.Count > 0)
        {
            return AdminUsage.Report(parse, _environment.Error, problems);
        }

        string? server = null;
        try
        {
            return await ConnectAndExecuteAsync(parse, address => server = address, cancellationToken);
        }
        catch (AdminCliException e)
        {
            return Fail(e.ExitCode, e.Message);
        }
        catch (Exception e) when (ApiFailure(e) is { } failure)
        {
            return Fail(failure.ExitCode, failure.Message);
        }
        catch (HttpRequestException e)
        {
            return Fail(ExitCodes.ServerUnreachable, $"cannot reach the server at {server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(ExitCodes.ServerUnreachable, $"cannot reach the server at {server}: no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (JsonException e)
        {
            return Fail(ExitCodes.Failed, $"the server at {server} answered in a shape this client does not know: {e.Message}");
        }
    }

    private int Fail(int exitCode, string message)
    {
        // SignatureDoesNotMatch quotes the server's string to sign, which has lines of its own; errors are one line each.
        _environment.Error.WriteLine($"edgereg: {message.ReplaceLineEndings("\\n")}");
        return exitCode;
    }
}
