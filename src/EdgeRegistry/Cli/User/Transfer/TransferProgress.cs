using EdgeRegistry.Cli.Admin;
using Spectre.Console;

namespace EdgeRegistry.Cli.User.Transfer;

/// <summary>Shows how a transfer is going while it runs.</summary>
public interface ITransferProgress
{
    /// <param name="totalBytes">The size when known; null draws an indeterminate bar.</param>
    /// <param name="work">Does the transfer, reporting the bytes moved so far through the action it is given.</param>
    Task<T> RunAsync<T>(string description, long? totalBytes, Func<Action<long>, Task<T>> work);
}

public static class TransferProgress
{
    /// <summary>A progress bar on standard error when it is a terminal; otherwise nothing, so logs stay clean.</summary>
    public static ITransferProgress For(AdminEnvironment environment) =>
        environment.CreateProgressTerminal() is { } console ? new SpectreTransferProgress(console) : NoTransferProgress.Instance;
}

/// <summary>A bar with bytes, rate and time left, drawn by Spectre.Console.</summary>
public sealed class SpectreTransferProgress(IAnsiConsole console) : ITransferProgress
{
    public Task<T> RunAsync<T>(string description, long? totalBytes, Func<Action<long>, Task<T>> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                // An empty file is a finished transfer, not a division by zero.
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, totalBytes ?? 1));
                task.IsIndeterminate = totalBytes is null;
                var result = await work(bytes => task.Value = bytes);
                task.MaxValue = Math.Max(1, totalBytes ?? task.Value);
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
}

public sealed class NoTransferProgress : ITransferProgress
{
    public static NoTransferProgress Instance { get; } = new();

    public Task<T> RunAsync<T>(string description, long? totalBytes, Func<Action<long>, Task<T>> work) => work(_ => { });
}
