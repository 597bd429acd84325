using System.Globalization;
using System.Text;

namespace EdgeRegistry.LoadGen;

/// <summary>The <c>--scale-out</c> results as markdown: both modes side by side, every ratio to the embedded baseline.</summary>
public static class ScaleOutReportWriter
{
    public static string Markdown(ScaleOutReport report)
    {
        var o = report.Options;
        var text = new StringBuilder();
        Line(text, $"## EdgeRegistry load test, embedded and scale-out, {report.Date:yyyy-MM-dd HH:mm} UTC{(o.Quick ? " (--quick)" : "")}");
        Line(text, "");
        Line(text, $"Command: `{o.CommandLine}`");
        Line(text, "");
        foreach (var fact in MachineInfo.Describe())
        {
            Line(text, $"- {fact}");
        }

        Line(text, $"- load: {o.Connections} keep-alive connections, closed loop (one request in flight each), " +
            $"{o.Warmup.TotalSeconds:0.#} s warm-up + {o.Duration.TotalSeconds:0.#} s measured per scenario, generator, servers and engines on the same machine");
        Line(text, $"- embedded: one `edgereg serve` on SQLite; scale-out: two `edgereg serve --postgres … --redis …` replicas on one " +
            $"PostgreSQL and one Redis, connections split evenly ({(o.Connections + 1) / 2} + {o.Connections / 2}), each replica's requests signed for its own Host");
        Line(text, $"- reference (× baseline = 1.00): the embedded server's faster `/health/live` run, {report.ReferenceRps:N0} req/s");
        Line(text, "");
        Line(text, "| scenario | embedded req/s | × baseline | p50 ms | p99 ms | CPU ms/req | scale-out req/s | × baseline | p50 ms | p99 ms | CPU ms/req | engines CPU ms/req | Redis cmds/req | scale-out ÷ embedded | result |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var baseline in report.Embedded.Baselines)
        {
            Line(text, $"| `{baseline.Name}` | {Cells(baseline, report.ReferenceRps)} | | | | | | | | | {Outcome(baseline)} |");
        }

        foreach (var baseline in report.ScaleOut.Baselines)
        {
            Line(text, $"| `{baseline.Name}` | | | | | | {Cells(baseline, report.ReferenceRps)} | {EngineCells(baseline)} | | {Outcome(baseline)} |");
        }

        foreach (var embedded in report.Embedded.Scenarios)
        {
            var scaled = report.ScaleOut.Scenarios.First(r => r.Scenario.Name == embedded.Scenario.Name);
            var ratio = embedded.Load.RequestsPerSecond > 0 ? scaled.Load.RequestsPerSecond / embedded.Load.RequestsPerSecond : 0;
            var outcome = embedded.Failed || scaled.Failed ? $"embedded {Outcome(embedded)}, scale-out {Outcome(scaled)}" : "ok";
            Line(text, $"| `{embedded.Name}` | {Cells(embedded, report.ReferenceRps)} | {Cells(scaled, report.ReferenceRps)} | {EngineCells(scaled)} | {ratio:0.00} | {outcome} |");
        }

        Line(text, "");
        Line(text, "CPU ms/req is the servers' utime + stime over the measured window per request: the one embedded process, or " +
            "both replicas summed; engines CPU ms/req is PostgreSQL's (postmaster and backends) and Redis's, over the same window, on " +
            "the same two cores; Redis cmds/req is the change of Redis's total_commands_processed over the window per request. Latencies are " +
            "send to last byte in a closed loop, so they include queueing behind the other connections.");
        Line(text, "");
        Line(text, "Peak RSS (MiB) per scenario, embedded | replica A | replica B:");
        Line(text, "");
        foreach (var embedded in report.Embedded.Scenarios)
        {
            var scaled = report.ScaleOut.Scenarios.First(r => r.Scenario.Name == embedded.Scenario.Name);
            Line(text, $"- `{embedded.Name}`: {embedded.PeakRssMiB:0} | {string.Join(" | ", scaled.PeakRssPerReplica.Select(b => (b / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture)))}");
        }

        Line(text, "");
        Line(text, "What each scenario sends:");
        Line(text, "");
        foreach (var result in report.Embedded.Scenarios)
        {
            Line(text, $"- `{result.Name}`: {result.Scenario.Title}");
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

    private static string Cells(ScenarioResult r, double referenceRps)
    {
        var l = r.Load;
        var ratio = referenceRps > 0 ? l.RequestsPerSecond / referenceRps : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{l.RequestsPerSecond:N0} | {ratio:0.00} | {l.Percentile(50):0.00} | {l.Percentile(99):0.00} | {r.CpuMsPerRequest:0.000}");
    }

    private static string EngineCells(ScenarioResult r) =>
        (r.EngineCpuMsPerRequest is { } ms ? ms.ToString("0.000", CultureInfo.InvariantCulture) : "") + " | " +
        (r.RedisCommandsPerRequest is { } n ? n.ToString("0.00", CultureInfo.InvariantCulture) : "");

    private static string Outcome(ScenarioResult r) =>
        r.Failed ? $"**FAILED**{(r.Load.PoolExhausted ? " (ran out of pre-signed requests)" : $" ({r.Load.Errors} errors)")}" : "ok";

    private static void Line(StringBuilder text, string line) => text.Append(CultureInfo.InvariantCulture, $"{line}\n");
}
