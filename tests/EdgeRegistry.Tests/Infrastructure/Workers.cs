namespace EdgeRegistry.Tests.Infrastructure;

/// <summary>
/// Dedicated threads for races, started together behind a barrier. Each runs as a long-running Task, so an assert
/// failing on a worker is collected and rethrown on the test's thread instead of killing the test host.
/// </summary>
public static class Workers
{
    /// <summary>How long a run may take before it counts as hung: a failure with a message, not a stuck suite.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="body"/> on <paramref name="count"/> threads released at the same moment, waits for all
    /// of them, and rethrows what failed on them (an AggregateException of every worker's failure).
    /// </summary>
    public static void Run(int count, Action<int> body, Action? whileRunning = null)
    {
        using var start = new Barrier(count + 1);
        var tasks = Enumerable.Range(0, count)
            .Select(i => Task.Factory.StartNew(() =>
            {
                if (!start.SignalAndWait(Timeout))
                {
                    throw new TimeoutException("The other workers never reached the start line.");
                }

                body(i);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();

        var released = start.SignalAndWait(Timeout);
        try
        {
            whileRunning?.Invoke();
        }
        finally
        {
            // Whatever happened on this thread, the workers are waited for: none may outlive the test.
            if (!Task.WaitAll(tasks, Timeout))
            {
                throw new TimeoutException($"{tasks.Count(t => !t.IsCompleted)} of {count} workers were still running after {Timeout}.");
            }
        }

        Assert.True(released, "The workers never reached the start line.");
    }
}
