using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EdgeRegistry.Observability;

/// <summary>
/// Times the calls of one store method on one engine into <c>edgereg_store_operation_duration_seconds</c> and counts
/// its failures in <c>edgereg_store_errors_total</c>. Its two labels are made once, at start-up: a call costs two
/// timestamp reads and a histogram record, and allocates nothing when the store answers synchronously (SQLite
/// does); only a call still running when it returns (PostgreSQL's) is awaited in a wrapper. A call fails when it
/// throws or its task faults; a cancelled one (the client left) is timed but is not an error of the store.
/// </summary>
public sealed class StoreOperation
{
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly KeyValuePair<string, object?>[] _tags;

    internal StoreOperation(Histogram<double> duration, Counter<long> errors, string engine, string operation)
    {
        _duration = duration;
        _errors = errors;
        _tags = [new("operation", operation), new("engine", engine)];
    }

    /// <summary>
    /// Runs <paramref name="call"/> with <paramref name="state"/> (a tuple of the decorated store and the arguments,
    /// for a static lambda: no closure to allocate), timing it to the end of its task.
    /// </summary>
    public Task<T> Time<TState, T>(TState state, Func<TState, Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        Task<T> task;
        try
        {
            task = call(state);
        }
        catch (Exception e)
        {
            Ended(started, failed: e is not OperationCanceledException);
            throw;
        }

        if (!task.IsCompleted)
        {
            return AwaitedAsync(task, started);
        }

        Ended(started, task.IsFaulted);
        return task;
    }

    /// <inheritdoc cref="Time{TState, T}"/>
    public Task Time<TState>(TState state, Func<TState, Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        Task task;
        try
        {
            task = call(state);
        }
        catch (Exception e)
        {
            Ended(started, failed: e is not OperationCanceledException);
            throw;
        }

        if (!task.IsCompleted)
        {
            return AwaitedAsync(task, started);
        }

        Ended(started, task.IsFaulted);
        return task;
    }

    private async Task<T> AwaitedAsync<T>(Task<T> task, long started)
    {
        await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Ended(started, task.IsFaulted);
        return await task;
    }

    private async Task AwaitedAsync(Task task, long started)
    {
        await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Ended(started, task.IsFaulted);
        await task;
    }

    private void Ended(long started, bool failed)
    {
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _tags);
        if (failed)
        {
            _errors.Add(1, _tags);
        }
    }
}
