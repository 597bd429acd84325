using System.Collections.Concurrent;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// Runs many attempts of one race side by side and sorts what each ended in. An attempt is bad when the server
/// acknowledged something that did not hold (a version naming a package that no longer downloads); a refusal is fine
/// when its error says why.
/// </summary>
public sealed class RaceOutcomes
{
    private readonly ConcurrentBag<string> _bad = [];
    private int _acknowledged;
    private int _refused;

    public int Bad => _bad.Count;

    public void Acknowledged() => Interlocked.Increment(ref _acknowledged);

    public void Refused() => Interlocked.Increment(ref _refused);

    public void BadOutcome(string what) => _bad.Add(what);

    /// <summary>Runs <paramref name="attempt"/> <paramref name="count"/> times, <paramref name="parallel"/> at a time.</summary>
    public static async Task<RaceOutcomes> RunAsync(int count, int parallel, Func<int, RaceOutcomes, Task> attempt)
    {
        var outcomes = new RaceOutcomes();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await attempt(n, outcomes);
            }
        })));
        return outcomes;
    }

    /// <summary>Starts both calls together (neither waits for the other to be sent) and returns both answers.</summary>
    public static async Task<(T First, U Second)> TogetherAsync<T, U>(Func<Task<T>> first, Func<Task<U>> second)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = Task.Run(async () => { await go.Task; return await first(); });
        var b = Task.Run(async () => { await go.Task; return await second(); });
        go.SetResult();
        return (await a, await b);
    }

    /// <summary>Fails with the counts and the first bad outcomes unless there was none.</summary>
    public void AssertNoBadOutcome(int count)
    {
        Assert.True(_bad.IsEmpty,
            $"{_bad.Count} bad outcome(s) of {count} attempts ({_acknowledged} acknowledged, {_refused} refused):\n" +
            string.Join("\n", _bad.Take(5)));
        Assert.Equal(count, _acknowledged + _refused + _bad.Count);
    }

    public override string ToString() => $"{_acknowledged} acknowledged, {_refused} refused, {_bad.Count} bad";

    /// <summary>
    /// Sorts the answer to a call that named an object: acknowledged and still there (<paramref name="stillThere"/>),
    /// or refused with iot.common.InvalidParam naming <paramref name="parameter"/>; anything else fails the test.
    /// </summary>
    public async Task JudgeAsync(RpcResponse named, string parameter, Func<Task<bool>> stillThere)
    {
        if (named.Code != "Success")
        {
            RpcAssert.InvalidParam(named, parameter);
            Refused();
        }
        else if (await stillThere())
        {
            Acknowledged();
        }
        else
        {
            BadOutcome($"acknowledged, but what {parameter} names is gone: {named.Body}");
        }
    }

    /// <summary>Whether an acknowledged version's package still downloads, through the link a read hands out.</summary>
    public static async Task<bool> PackageDownloadsAsync(RpcTestClient client, string driverId, string version, byte[] bytes)
    {
        var link = PackageCalls.TemporaryAddress((await client.FindVersionAsync(driverId, version)).GetProperty("SourceConfig").GetString()!);
        if (link is null)
        {
            return false;
        }

        var download = await client.GetObjectAsync(link);
        return download.Status == 200 && download.Body.AsSpan().SequenceEqual(bytes);
    }
}
