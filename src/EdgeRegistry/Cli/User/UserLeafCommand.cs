using System.CommandLine;
using System.Text.Json;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.Admin.Output;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Cli.User.Transfer;

namespace EdgeRegistry.Cli.User;

/// <summary>
/// A command that calls the Iot API. Like <see cref="AdminLeafCommand"/>, this base turns what can go wrong into one
/// line on stderr and a named exit code; the command itself reads its arguments, calls the client and hands the answer on.
/// </summary>
public abstract class UserLeafCommand : Command
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly UserContext _context;

    protected UserLeafCommand(string name, string description, UserContext context)
        : base(name, description)
    {
        _context = context;
        Action = new AdminCommandAction(RunAsync);
    }

    /// <summary>Checks of the arguments together that the parser cannot make; a message means wrong usage.</summary>
    protected virtual string? Validate(ParseResult parse) => null;

    protected abstract Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken);

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var environment = _context.Environment;
        var problems = AdminUsage.Problems(parse).ToList();
        if (problems.Count == 0 && Validate(parse) is { } problem)
        {
            problems.Add(problem);
        }

        if (problems.Count > 0)
        {
            return AdminUsage.Report(parse, environment.Error, problems);
        }

        string? endpoint = null;
        try
        {
            var connection = _context.Options.Resolve(parse, environment);
            endpoint = connection.Endpoint.AbsoluteUri.TrimEnd('/');
            using var http = new HttpClient(environment.CreateHandler()) { Timeout = RequestTimeout };
            // Transfers take as long as the bytes take; progress shows they are moving, and Ctrl+C stops them.
            using var transferHttp = new HttpClient(environment.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
            var client = new IotClient(new IotRpc(http, connection.Endpoint, connection.Key, connection.InstanceId) { Delay = environment.Delay });
            var transfer = new ObjectTransfer(transferHttp, environment);
            IAdminOutput output = connection.Json
                ? new JsonAdminOutput(environment.Out, IotJson.Output)
                : new TableAdminOutput(environment.CreateTerminal());
            return await ExecuteAsync(new UserInvocation(parse, client, transfer, output, environment), cancellationToken);
        }
        catch (AdminCliException e)
        {
            return Fail(e.ExitCode, e.Message);
        }
        catch (IotApiException e)
        {
            var details = string.Join(", ", new[] { e.Code, e.RequestId is null ? null : "request " + e.RequestId }.OfType<string>());
            return Fail(IotErrorExitCodes.For(e.Code, e.Status), details.Length == 0 ? e.Message : $"{e.Message} ({details})");
        }
        catch (HttpRequestException e)
        {
            return Fail(ExitCodes.ServerUnreachable, $"cannot reach the server at {endpoint}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(ExitCodes.ServerUnreachable, $"cannot reach the server at {endpoint}: no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (JsonException e)
        {
            return Fail(ExitCodes.Failed, $"the server at {endpoint} answered in a shape this client does not know: {e.Message}");
        }
    }

    private int Fail(int exitCode, string message)
    {
        // SignatureDoesNotMatch quotes the server's string to sign, which has lines of its own; errors are one line each.
        _context.Environment.Error.WriteLine($"edgereg: {message.ReplaceLineEndings("\\n")}");
        return exitCode;
    }
}
