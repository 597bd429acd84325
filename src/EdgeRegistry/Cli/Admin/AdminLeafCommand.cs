using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin;

/// <summary>
/// A command that makes one admin API call. This base turns what can go wrong into one line on stderr and a
/// named exit code; the command itself only reads its arguments, calls the client and hands the answer on.
/// </summary>
public abstract class AdminLeafCommand : Command
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly AdminContext _context;

    protected AdminLeafCommand(string name, string description, AdminContext context)
        : base(name, description)
    {
        _context = context;
        Action = new AdminCommandAction(RunAsync);
    }

    /// <summary>Checks of the arguments together that the parser cannot make; a message means wrong usage.</summary>
    protected virtual string? Validate(ParseResult parse) => null;

    protected abstract Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken);

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

        string? server = null;
        try
        {
            var connection = _context.Options.Resolve(parse, environment);
            server = connection.Server.AbsoluteUri.TrimEnd('/');
            using var http = new HttpClient(environment.CreateHandler()) { BaseAddress = connection.Server, Timeout = RequestTimeout };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
            IAdminOutput output = connection.Json ? new JsonAdminOutput(environment.Out) : new TableAdminOutput(environment.CreateTerminal());
            return await ExecuteAsync(new AdminInvocation(parse, new AdminClient(http), output, environment), cancellationToken);
        }
        catch (AdminCliException e)
        {
            return Fail(e.ExitCode, e.Message);
        }
        catch (AdminApiException e)
        {
            var code = e.Code is null ? "" : e.Code + ", ";
            return Fail(ExitCodeFor(e.Status), $"{e.Message} ({code}HTTP {(int)e.Status})");
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
        _context.Environment.Error.WriteLine($"edgereg: {message}");
        return exitCode;
    }

    /// <summary>The exit code for an HTTP error status; the <c>edgereg drivers|versions</c> commands map object-store answers with it too.</summary>
    internal static int ExitCodeFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => ExitCodes.BadUsage,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Unauthorized,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        HttpStatusCode.Conflict => ExitCodes.Conflict,
        _ => ExitCodes.Failed,
    };
}
