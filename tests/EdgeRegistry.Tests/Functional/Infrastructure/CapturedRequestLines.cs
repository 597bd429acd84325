using System.Collections.Concurrent;
using EdgeRegistry.Hosting;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>The request log lines an in-process server writes, kept instead of printed.</summary>
public sealed class CapturedRequestLines : IRequestLogSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Text => string.Join('\n', _lines);

    public void Write(ReadOnlySpan<char> lines)
    {
        foreach (var line in lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _lines.Enqueue(line);
        }
    }

    /// <summary>
    /// The line of one request. It is written shortly after the answer is sent, so the caller may have to wait a little.
    /// </summary>
    public async Task<string> LineOfAsync(string requestId)
    {
        for (var i = 0; i < 50; i++)
        {
            if (_lines.FirstOrDefault(l => l.EndsWith(" " + requestId, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No request log line for {requestId}:\n{Text}");
    }

    /// <summary>Whether a text line reports this status and Code ("… Action Status Code key=… 1.2ms RequestId").</summary>
    public static bool Reports(string line, int status, string code) =>
        line.Contains($" {status} {code} key=", StringComparison.Ordinal);
}
