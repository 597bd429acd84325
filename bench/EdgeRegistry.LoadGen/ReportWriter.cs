using System.Globalization;
using System.Text;

namespace EdgeRegistry.LoadGen;

/// <summary>The results as markdown: what ran where, one row per scenario, the issue-5 targets, the notes.</summary>
public static class ReportWriter
{
    public static string Markdown(BenchReport report)
    {
        var o = report.Options;
        var text = new StringBuilder();
        Line(text, $"## EdgeRegistry load test, {report.Date:yyyy-MM-dd HH:mm} UTC{(o.Quick ? " (--quick)" : "")}");
        Line(text, "");
        Line(text, $"Command: `{o.CommandLine}`");
        Line(text, "");
        foreach (var fact in MachineInfo.Describe())
        {
            Line(text, $"- {fact}");
        }

        Line(text, $"- load: {o.Connections} keep-alive connections, closed loop (one request in flight each), " +
            $"{o.Warmup.TotalSeconds:0.#} s warm-up + {o.Duration.TotalSeconds:0.#} s measured per scenario, generator and server on the same machine");
        Line(text, $"- data: deep driver {o.DeepVersions:N0} versions; wide set {o.WideDrivers:N0} drivers × {o.WideVersionsPerDriver} versions");
        Line(text, "");
        Line(text, "| scenario | req/s | × baseline | p50 ms | p90 ms | p99 ms | max ms | errors | peak RSS MiB | server CPU s | CPU ms/req | result |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Row(text, report.Baseline with { Scenario = report.Baseline.Scenario with { Name = "baseline (start)" } }, report.Reference);
        if (report.BaselineAgain is { } again)
        {
            Row(text, again with { Scenario = again.Scenario with { Name = "baseline (end)" } }, report.Reference);
        }

        foreach (var result in report.Results)
        {
            Row(text, result, report.Reference);
        }

        Line(text, "");
        Line(text, "Ratios are to the faster of the two baseline runs (before and after the scenarios); the RSS target compares with the " +
            "first, taken before any RPC load. Latencies are per request, send to last byte, in a closed loop (so they include queueing " +
            "behind the other connections). CPU is the server's utime + stime over the measured window.");

        Line(text, "");
        Line(text, "What each scenario sends:");
        Line(text, "");
        foreach (var result in report.Results)
        {
            Line(text, $"- `{result.Name}`: {result.Scenario.Title}");
        }

        Line(text, "");
        Line(text, "### Issue-5 targets");
        Line(text, "");
        foreach (var target in TargetCheck.Evaluate(report))
        {
            Line(text, $"- {target}");
        }

        Line(text, "");
        Line(text, "### Run log");
        Line(text, "");
        foreach (var note in report.Notes)
        {
            Line(text, $"- {note}");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, ScenarioResult r, ScenarioResult baseline)
    {
        var l = r.Load;
        var ratio = baseline.Load.RequestsPerSecond > 0 ? l.RequestsPerSecond / baseline.Load.RequestsPerSecond : 0;
        var outcome = r.Failed ? $"**FAILED**{(l.PoolExhausted ? " (ran out of pre-signed requests)" : "")}" : "ok";
        Line(text, $"| `{r.Name}` | {l.RequestsPerSecond:N0} | {ratio:0.00} | {l.Percentile(50):0.00} | {l.Percentile(90):0.00} | {l.Percentile(99):0.00} | " +
            $"{l.MaxMs:0.0} | {l.Errors} | {r.PeakRssMiB:0} | {r.ServerCpu.TotalSeconds:0.0} | {r.CpuMsPerRequest:0.000} | {outcome} |");
    }

    private static void Line(StringBuilder text, string line) => text.Append(CultureInfo.InvariantCulture, $"{line}\n");
}
