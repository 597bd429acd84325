using System.Buffers;
using System.Text;

namespace EdgeRegistry.Hosting;

/// <summary>
/// Drains <see cref="RequestLog"/>: formats what is queued into one buffer and hands it to the sink in one call, then
/// waits for more. At
/// shutdown it writes what is left before the host goes.
/// </summary>
public sealed class RequestLogWriter(RequestLog log, RequestLogFormat format, IRequestLogSink sink) : IHostedService
{
    private const int BatchChars = 64 * 1024;

    // Waking the writer for every line would cost every request a thread switch; lines wait this long for company.
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);
    private Task _draining = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _draining = Task.Run(DrainAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes what is queued by now. Not bounded by the host's token: when requests used up the shutdown timeout it
    /// is already cancelled, and their lines matter most then. A few seconds is plenty for a queue of lines.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        log.Complete();
        try
        {
            await _draining.WaitAsync(DrainLimit, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // The console is stuck (a full pipe nobody reads): leave the lines rather than hang the stop.
        }
    }

    private async Task DrainAsync()
    {
        var lines = new StringBuilder(BatchChars);
        var reader = log.Pending;
        try
        {
            // No token: the queue is completed at StopAsync, and what is queued by then is still written.
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                var drained = false;
                while (lines.Length < BatchChars)
                {
                    if (!reader.TryRead(out var entry))
                    {
                        drained = true;
                        break;
                    }

                    format.Append(lines, entry);
                }

                if (log.TakeDropped() is > 0 and var dropped)
                {
                    format.AppendDropped(lines, DateTime.UtcNow, dropped);
                }

                Flush(lines);
                if (drained && !reader.Completion.IsCompleted)
                {
                    await Task.Delay(BatchInterval, CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The console went away (a closed pipe): nothing left to write to.
        }
    }

    private void Flush(StringBuilder lines)
    {
        var buffer = ArrayPool<char>.Shared.Rent(lines.Length);
        try
        {
            lines.CopyTo(0, buffer, lines.Length);
            sink.Write(buffer.AsSpan(0, lines.Length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            lines.Clear();
        }
    }
}
