namespace EdgeRegistry.Hosting;

/// <summary>Where <see cref="RequestLogWriter"/> puts its batches of whole lines.</summary>
public interface IRequestLogSink
{
    void Write(ReadOnlySpan<char> lines);
}

/// <summary>
/// The console, like every other log line. <see cref="Console.Out"/> is synchronised, so one call is never split by
/// another logger's line.
/// </summary>
public sealed class ConsoleRequestLogSink : IRequestLogSink
{
    public void Write(ReadOnlySpan<char> lines)
    {
        Console.Out.Write(lines);
        Console.Out.Flush();
    }
}
