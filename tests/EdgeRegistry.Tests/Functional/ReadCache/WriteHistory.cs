namespace EdgeRegistry.Tests.Functional.ReadCache;

/// <summary>
/// The states one writer moved a driver through, in order: state k is the one after write k (state 0 before any).
/// A read is possible when it shows a state between the last acknowledged before it was sent and the last started
/// before its answer arrived.
/// </summary>
internal sealed class WriteHistory(string initial)
{
    private readonly Lock _lock = new();
    private readonly List<string> _states = [initial];
    private int _acknowledged;

    public int Acknowledged
    {
        get { lock (_lock) { return _acknowledged; } }
    }

    public int Started
    {
        get { lock (_lock) { return _states.Count - 1; } }
    }

    public void Start(string state)
    {
        lock (_lock) { _states.Add(state); }
    }

    public void Acknowledge()
    {
        lock (_lock) { _acknowledged = _states.Count - 1; }
    }

    public void AssertPossible(string seen, int acknowledgedBefore, int startedBy, string what)
    {
        List<string> window;
        lock (_lock) { window = _states[acknowledgedBefore..(startedBy + 1)]; }
        Assert.True(window.Contains(seen),
            $"{what} showed a state the driver did not have between write {acknowledgedBefore} (acknowledged) and write {startedBy} (sent):\n" +
            $"  seen: {seen}\n  acknowledged: {window[0]}");
    }
}
