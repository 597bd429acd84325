using System.Collections.Concurrent;

namespace EdgeRegistry.Admin;

/// <summary>One process's count of wrong operator tokens: only the current minute of each address is kept.</summary>
public sealed class InProcessAdminFailureCounter : IAdminFailureCounter
{
    /// <summary>Addresses remembered at most; a flood from many addresses cannot grow memory without bound.</summary>
    private const int MaxAddresses = 10_000;

    private readonly ConcurrentDictionary<string, (long Minute, int Failures)> _failures = new(StringComparer.Ordinal);

    public ValueTask<int> CountAsync(string address, long minute, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_failures.TryGetValue(address, out var seen) && seen.Minute == minute ? seen.Failures : 0);

    public ValueTask<int> AddAsync(string address, long minute, CancellationToken cancellationToken)
    {
        if (_failures.Count >= MaxAddresses)
        {
            _failures.Clear();
        }

        var now = _failures.AddOrUpdate(address, (minute, 1), (_, seen) => seen.Minute == minute ? (minute, seen.Failures + 1) : (minute, 1));
        return ValueTask.FromResult(now.Failures);
    }
}
