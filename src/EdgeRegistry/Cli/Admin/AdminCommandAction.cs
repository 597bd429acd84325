using System.CommandLine;
using System.CommandLine.Invocation;

namespace EdgeRegistry.Cli.Admin;

/// <summary>
/// The action of every <c>admin</c> command. It runs even when parsing failed (<see cref="ClearsParseErrors"/>),
/// so that wrong usage ends with <see cref="ExitCodes.BadUsage"/> and a short message on stderr instead of
/// System.CommandLine's exit code 1, which here means "the server refused".
/// </summary>
internal sealed class AdminCommandAction(Func<ParseResult, CancellationToken, Task<int>> run) : AsynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default) =>
        run(parseResult, cancellationToken);
}
