namespace EdgeRegistry.Hosting;

/// <summary>
/// How many requests are being answered right now, so that shutdown can say how many it waited for. Counted where a
/// request is already handled asynchronously (the RPC pipeline, the request log), so counting allocates nothing.
/// </summary>
public sealed class InFlightRequests
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Enter() => Interlocked.Increment(ref _count);

    public void Exit() => Interlocked.Decrement(ref _count);
}
