using System.Globalization;

namespace EdgeRegistry.LoadGen;

/// <summary>
/// Issue 5's targets, and the tenant-isolation timing the unit suite used to assert, judged on one run's numbers; a
/// target whose scenarios did not run is said so.
/// </summary>
public static class TargetCheck
{
    public static IEnumerable<string> Evaluate(BenchReport report)
    {
        var baseline = report.Reference;
        var byName = report.Results.ToDictionary(r => r.Name, StringComparer.Ordinal);

        foreach (var name in new[] { ScenarioCatalog.Query1, "s1-query-v3" })
        {
            if (byName.TryGetValue(name, out var s1))
            {
                var share = s1.Load.RequestsPerSecond / baseline.Load.RequestsPerSecond;
                var p99 = s1.Load.Percentile(99) / baseline.Load.Percentile(99);
                yield return Verdict(share >= 0.5 && p99 < 10,
                    $"scenario 1 (`{name}`) ≥ 50% of baseline req/s and p99 < 10× baseline p99: {share:P0} of baseline, p99 {p99:0.0}×");
            }
        }

        if (byName.TryGetValue("s2-first-page", out var first))
        {
            foreach (var name in new[] { "s2-middle-page", "s2-last-page", "s2-filter" })
            {
                if (byName.TryGetValue(name, out var other))
                {
                    var share = other.Load.RequestsPerSecond / first.Load.RequestsPerSecond;
                    yield return Verdict(share >= 0.8, $"scenario 2 `{name}` ≥ 80% of the first page's req/s: {share:P0}" +
                        (name == "s2-middle-page" ? " (the issue names only last page and filter; shown for completeness)" : ""));
                }
            }
        }

        if (byName.TryGetValue("s3-random-driver", out var s3) && byName.TryGetValue(ScenarioCatalog.Query1, out var q1))
        {
            var share = s3.Load.RequestsPerSecond / q1.Load.RequestsPerSecond;
            yield return Verdict(share >= 0.8, $"scenario 3 ≥ 80% of scenario 1's req/s: {share:P0}");
        }

        if (byName.TryGetValue("s7-foreign-id", out var foreign) && byName.TryGetValue("s7-unknown-id", out var unknown))
        {
            var ratio = foreign.Load.Percentile(50) / unknown.Load.Percentile(50);
            yield return Verdict(ratio is > 0.2 and < 5, string.Create(CultureInfo.InvariantCulture,
                $"tenant isolation: another account's id answers DriverNotExist within 5× the median latency of a made-up id: {ratio:0.00}×"));
        }

        if (report.Results.Count > 0 && report.Baseline.PeakRssBytes > 0)
        {
            var worst = report.Results.MaxBy(r => r.PeakRssBytes)!;
            var ratio = (double)worst.PeakRssBytes / report.Baseline.PeakRssBytes;
            yield return Verdict(ratio <= 2, string.Create(CultureInfo.InvariantCulture,
                $"server peak RSS under load ≤ 2× its RSS serving the baseline: worst `{worst.Name}` {worst.PeakRssMiB:0} MiB = {ratio:0.00}× the first baseline's {report.Baseline.PeakRssMiB:0} MiB"));
        }

        if (report.Startups.Count > 0)
        {
            var worstRpc = report.Startups.Max(s => s.FirstRpc);
            var worstHealth = report.Startups.Max(s => s.FirstHealth);
            yield return Verdict(worstRpc < TimeSpan.FromSeconds(1.5), string.Create(CultureInfo.InvariantCulture,
                $"start-up to the first answered request < 1.5 s on an existing data dir: worst of {report.Startups.Count}: /health/live {worstHealth.TotalSeconds:0.00} s, first signed RPC {worstRpc.TotalSeconds:0.00} s"));
        }
    }

    private static string Verdict(bool met, string what) => (met ? "**met**: " : "**MISSED**: ") + what;
}
