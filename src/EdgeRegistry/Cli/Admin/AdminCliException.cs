namespace EdgeRegistry.Cli.Admin;

/// <summary>A command cannot go on for a reason found on this side of the wire; the message is for people.</summary>
public sealed class AdminCliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static AdminCliException Usage(string message) => new(ExitCodes.BadUsage, message);
}
