using System.Diagnostics;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Faults;

/// <summary>What the outage tests check of every answer, and how they wait for a recovery.</summary>
public static class OutageAssert
{
    /// <summary>The longest a call may take to be told a backend is down (issue 9: "within a bounded time (≤ 10 s)").</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>How long a replica may take to serve again once its engine is back, without a restart.</summary>
    public static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);

    /// <summary>A 503 with the surface's own ServiceUnavailable code, inside the bound: never a 500, never a hang.</summary>
    public static void Unavailable(Probe probe, string? readyText = null)
    {
        Assert.True(probe.Status == 503, $"Expected 503: {probe}");
        Assert.True(probe.Took < Bound, $"Slower than {Bound}: {probe}");
        if (readyText is null)
        {
            Assert.True(probe.Code == "ServiceUnavailable", $"Expected ServiceUnavailable: {probe}");
        }
        else
        {
            Assert.Contains(readyText, probe.Detail, StringComparison.Ordinal);
        }
    }

    /// <summary>Polls until every probe of both replicas answers 200; returns how long that took.</summary>
    public static async Task<TimeSpan> RecoveredAsync(IEnumerable<Func<Task<Probe>>> probes)
    {
        var all = probes.ToList();
        var clock = Stopwatch.StartNew();
        var last = new List<Probe>();
        while (clock.Elapsed < RecoveryLimit)
        {
            last = [.. await Task.WhenAll(all.Select(p => p()))];
            if (last.All(p => p.Status == 200))
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"Not recovered within {RecoveryLimit}:\n{string.Join('\n', last)}");
    }

    /// <summary>The link with its scheme and host made the replica's: links are signed over method, expiry and key, not host.</summary>
    public static string On(this string link, ProcessReplica replica)
    {
        var uri = new Uri(link);
        return new UriBuilder(uri) { Host = replica.Address.Host, Port = replica.Address.Port }.Uri.ToString();
    }

    /// <summary>Every answer of a run of calls made after a recovery: all succeed, none is a left-over failure.</summary>
    public static async Task AllSucceedAsync(ProcessReplica replica, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            var probe = i % 2 == 0 ? await Probes.RpcReadAsync(replica) : await Probes.RpcWriteAsync(replica);
            Assert.True(probe.Status == 200 && probe.Code == "Success", $"Call {i} after the recovery failed: {probe}");
        }
    }

    public static RpcTestClient Rpc(this ProcessReplica replica) => replica.Client;
}
