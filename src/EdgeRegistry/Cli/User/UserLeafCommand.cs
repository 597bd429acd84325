using System.CommandLine;
using EdgeRegistry.Cli.Admin.Output;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Cli.User.Transfer;

namespace EdgeRegistry.Cli.User;

/// <summary>
/// A command that calls the Iot API: it connects with the caller's AccessKey; <see cref="ServerCallingCommand"/>
/// turns what can go wrong into one line and an exit code. The command itself reads its arguments, calls the client
/// and hands the answer on.
/// </summary>
public abstract class UserLeafCommand(string name, string description, UserContext context)
    : ServerCallingCommand(name, description, context.Environment)
{
    protected abstract Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken);

    protected override async Task<int> ConnectAndExecuteAsync(ParseResult parse, Action<string> server, CancellationToken cancellationToken)
    {
        var environment = context.Environment;
        var connection = context.Options.Resolve(parse, environment);
        server(connection.Endpoint.AbsoluteUri.TrimEnd('/'));
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

    protected override (int ExitCode, string Message)? ApiFailure(Exception exception)
    {
        if (exception is not IotApiException e)
        {
            return null;
        }

        var details = string.Join(", ", new[] { e.Code, e.RequestId is null ? null : "request " + e.RequestId }.OfType<string>());
        return (IotErrorExitCodes.For(e.Code, e.Status), details.Length == 0 ? e.Message : $"{e.Message} ({details})");
    }
}
