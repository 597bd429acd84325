namespace EdgeRegistry.LoadGen;

/// <summary>
/// The pre-built requests of one run, handed out in order to every connection. A pool of single-use requests
/// (unique nonces) runs dry after its last one; a reusable pool (health checks, rejected signatures) cycles.
/// </summary>
public sealed class RequestPool(byte[][] requests, bool reusable)
{
    private long _next = -1;

    public int Count => requests.Length;

    public bool Reusable => reusable;

    /// <summary>True once a single-use pool has been asked for more than it holds.</summary>
    public bool Exhausted => !reusable && Interlocked.Read(ref _next) >= requests.Length;

    public byte[]? Take()
    {
        var i = Interlocked.Increment(ref _next);
        return reusable ? requests[i % requests.Length] : i < requests.Length ? requests[i] : null;
    }

    /// <summary>Builds <paramref name="count"/> requests on every core (signing is the slow part).</summary>
    public static RequestPool Build(int count, Func<int, byte[]> make, bool reusable)
    {
        var requests = new byte[count][];
        Parallel.For(0, count, i => requests[i] = make(i));
        return new RequestPool(requests, reusable);
    }
}
