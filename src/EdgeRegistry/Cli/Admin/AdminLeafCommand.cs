using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin;

/// <summary>
/// A command that makes one admin API call: it connects with the operator token; <see cref="ServerCallingCommand"/>
/// turns what can go wrong into one line and an exit code. The command itself only reads its arguments, calls the
/// client and hands the answer on.
/// </summary>
public abstract class AdminLeafCommand(string name, string description, AdminContext context)
    : ServerCallingCommand(name, description, context.Environment)
{
    protected abstract Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken);

    protected override async Task<int> ConnectAndExecuteAsync(ParseResult parse, Action<string> server, CancellationToken cancellationToken)
    {
        var environment = context.Environment;
        var connection = context.Options.Resolve(parse, environment);
        server(connection.Server.AbsoluteUri.TrimEnd('/'));
        using var http = new HttpClient(environment.CreateHandler()) { BaseAddress = connection.Server, Timeout = RequestTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        IAdminOutput output = connection.Json ? new JsonAdminOutput(environment.Out) : new TableAdminOutput(environment.CreateTerminal());
        return await ExecuteAsync(new AdminInvocation(parse, new AdminClient(http), output, environment), cancellationToken);
    }

    protected override (int ExitCode, string Message)? ApiFailure(Exception exception) => exception is AdminApiException e
        ? (ExitCodeFor(e.Status), $"{e.Message} ({(e.Code is null ? "" : e.Code + ", ")}HTTP {(int)e.Status})")
        : null;

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
