using EdgeRegistry.Changes;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>A subscriber that keeps what it was told, and lets a test wait for a change without polling.</summary>
public sealed class ChangeRecorder
{
    private readonly List<RegistryChange> _seen = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public static ChangeRecorder On(IChangeFeed feed)
    {
        var recorder = new ChangeRecorder();
        feed.Subscribe((change, _) =>
        {
            lock (recorder._lock)
            {
                recorder._seen.Add(change);
            }

            recorder._arrived.Release();
            return ValueTask.CompletedTask;
        });
        return recorder;
    }

    public IReadOnlyList<RegistryChange> Seen
    {
        get
        {
            lock (_lock)
            {
                return [.. _seen];
            }
        }
    }

    public int Count(RegistryChange change) => Seen.Count(c => c.Equals(change));

    /// <summary>Waits until <paramref name="change"/> has been seen; fails the test when it is not within <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(RegistryChange change, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count(change) == 0)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                Assert.Fail($"{change} did not arrive within {timeout}; seen: {string.Join(", ", Seen)}");
            }
        }
    }
}
