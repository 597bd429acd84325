namespace EdgeRegistry.Tests.GateProbe;

// Copied into a throwaway copy of the repository by tests/gate/check.sh; never compiled in the real tree.
// GATE_PROBE picks the misbehaviour: crash, hang or fail. Unset, every test passes (one is skipped on purpose).
public sealed class GateProbeTests
{
    private static bool Probe(string what) => Environment.GetEnvironmentVariable("GATE_PROBE") == what;

    [Fact]
    public void Passes() => Assert.Equal(2, 1 + 1);

    [Fact]
    public void Crashes()
    {
        if (Probe("crash")) Environment.FailFast("gate probe: the test host dies mid-run");
    }

    [Fact]
    public async Task Hangs()
    {
        if (Probe("hang")) await Task.Delay(Timeout.Infinite);
    }

    [Fact]
    public void Fails() => Assert.False(Probe("fail"), "gate probe: an ordinary failing assert");

    [Fact(Skip = "gate probe: a deliberate skip, counted and named")]
    public void Skipped() => Assert.Fail("never runs");
}
