using System.Reflection;
using EdgeRegistry.Accounts;

namespace EdgeRegistry.Tests.Quotas;

/// <summary>
/// A real admin store whose next quota override load reads the store at once but hands its answer back only when
/// <see cref="Release"/> is called, so that a test can make an older load finish after a newer one.
/// </summary>
public class HeldQuotaLoads : DispatchProxy
{
    private IAdminStore _inner = null!;
    private TaskCompletionSource? _hold;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static (IAdminStore Store, HeldQuotaLoads Control) Over(IAdminStore inner)
    {
        var store = Create<IAdminStore, HeldQuotaLoads>();
        var control = (HeldQuotaLoads)(object)store;
        control._inner = inner;
        return (store, control);
    }

    /// <summary>Completes once the held load has read the store.</summary>
    public Task HeldLoadHasRead => _read.Task;

    /// <summary>Holds the next <see cref="IAdminStore.ListQuotaOverridesAsync"/> after it has read the store.</summary>
    public void HoldNextLoad()
    {
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hold = _release;
        _read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => _release.TrySetResult();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = targetMethod!.Invoke(_inner, args);
        if (targetMethod.Name == nameof(IAdminStore.ListQuotaOverridesAsync) && Interlocked.Exchange(ref _hold, null) is { } hold)
        {
            return HoldAsync((Task<IReadOnlyList<QuotaOverride>>)result!, hold, _read);
        }

        return result;
    }

    private static async Task<IReadOnlyList<QuotaOverride>> HoldAsync(Task<IReadOnlyList<QuotaOverride>> load, TaskCompletionSource hold, TaskCompletionSource read)
    {
        var overrides = await load;
        read.TrySetResult();
        await hold.Task;
        return overrides;
    }
}
