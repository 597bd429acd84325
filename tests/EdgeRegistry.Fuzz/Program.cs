using System.Globalization;
using EdgeRegistry.Fuzz;

// The HTTP fuzzer (tests/fuzz/run.sh starts the server and calls this). Prints TAP-style "ok"/"not ok" checks and a
// final "# done" line; exit code 0 only when every check holds.
var options = FuzzOptions.Parse(args);
var target = new FuzzTarget(options.Endpoint, options.KeyId, options.Secret, options.AdminToken);
var http = new RawHttpClient(options.Endpoint, options.Timeout);
var calls = new SignedCalls(target, http);
var inv = CultureInfo.InvariantCulture;

Console.WriteLine(string.Create(inv, $"# fuzz: seed {options.Seed}, {options.Requests} requests, concurrency {options.Concurrency}, timeout {options.Timeout.TotalSeconds} s, RSS bound {options.RssLimitMb} MB"));
Console.WriteLine(string.Create(inv, $"# replay: tests/fuzz/run.sh --seed {options.Seed} --requests {options.Requests}"));
await FuzzSetup.RunAsync(target, calls, new Random(options.Seed));
var before = ServerMemory.Read(options.Pid);

var run = new FuzzRun(options, new RequestGenerator(target, options.Seed), http);
var elapsed = await run.RunAsync(CancellationToken.None);

foreach (var failure in run.Failures)
{
    Console.WriteLine("# " + failure.Replace("\n", "\n# ", StringComparison.Ordinal));
}

Console.WriteLine("# statuses: " + string.Join(", ", run.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}")));
Console.WriteLine("# families: " + string.Join(", ", run.Kinds.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}")));

string stillAnswers;
try
{
    var data = await calls.RpcAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "10"), ("Type", "0"));
    stillAnswers = data.TryGetProperty("Success", out var success) && success.GetBoolean() ? "" : "answered without Success: " + data;
}
catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException)
{
    stillAnswers = e.Message;
}

var after = ServerMemory.Read(options.Pid);
var peakMb = Math.Max(run.PeakRssKb, after?.PeakKb ?? 0) / 1024;
Console.WriteLine(string.Create(inv, $"# RSS: {before?.RssKb / 1024} MB after set-up, {after?.RssKb / 1024} MB at the end, peak (VmHWM) {peakMb} MB; {elapsed.TotalSeconds:0.0} s, {options.Requests / elapsed.TotalSeconds:0} requests/s"));

var checks = new (bool Ok, string What)[]
{
    (run.ServerErrors == 0, $"no 5xx or malformed status ({run.ServerErrors} of {options.Requests})"),
    (run.Timeouts == 0, string.Create(inv, $"no hang ({run.Timeouts} requests unanswered within {options.Timeout.TotalSeconds} s)")),
    (run.UnansweredWellFramed == 0, $"every well-framed request answered ({run.UnansweredWellFramed} closed without a status)"),
    (after is not null && peakMb <= options.RssLimitMb, after is null ? "the server process is gone" : $"peak RSS {peakMb} MB within {options.RssLimitMb} MB"),
    (stillAnswers.Length == 0, "a normal signed call still succeeds" + (stillAnswers.Length == 0 ? "" : ": " + stillAnswers)),
};

for (var i = 0; i < checks.Length; i++)
{
    Console.WriteLine(string.Create(inv, $"{(checks[i].Ok ? "ok" : "not ok")} {i + 1} - {checks[i].What}"));
}

Console.WriteLine(string.Create(inv, $"# done: {options.Requests} requests, {run.ServerErrors} 5xx, {elapsed.TotalSeconds:0.0} s"));
return checks.All(c => c.Ok) ? 0 : 1;
