using System.Diagnostics;
using System.Globalization;
using EdgeRegistry.Crash;

// The crash test (tests/crash/run.sh calls this): cycles of start, verify everything acknowledged so far, write under
// load, kill -9 mid-write, check the files. Prints TAP-style checks and "# done"; exit 0 only when all hold.
var options = CrashOptions.Parse(args);
var inv = CultureInfo.InvariantCulture;
var dataDir = Directory.CreateTempSubdirectory("edgereg-crash-").FullName;
var log = Path.Combine(dataDir, "..", Path.GetFileName(dataDir) + ".log");
const string keyId = "crashroot";
var secret = "crash-secret-" + Guid.NewGuid().ToString("N");
var rng = new Random(options.Seed);
var writers = Enumerable.Range(0, options.Writers).Select(i => new Writer(i, new Random(rng.Next()))).ToList();
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var problems = new List<string>();
var integrityFailures = new List<string>();
int missingBlobs = 0, unreferenced = 0, tempLeft = 0, packages = 0;
var clock = Stopwatch.StartNew();
Console.WriteLine(string.Create(inv, $"# crash test: {options.Cycles} cycles of kill -9, {options.Writers} writers, seed {options.Seed}, data dir {dataDir}"));

try
{
    for (var cycle = 1; cycle <= options.Cycles + 1; cycle++)
    {
        using var server = await CrashServer.StartAsync(options.ServerDll, dataDir, keyId, secret, log);
        var client = new RegistryClient(http, server.Port, keyId, secret);
        var verifier = new Verifier(client);
        foreach (var writer in writers)
        {
            problems.AddRange((await verifier.VerifyAsync(writer)).Select(p => $"cycle {cycle}: {p}"));
        }

        packages += verifier.PackagesVerified;
        var last = cycle == options.Cycles + 1;
        List<Task> load = [];
        if (last)
        {
            tempLeft = DataDirCheck.Run(dataDir).TempFiles;
        }
        else
        {
            load = [.. writers.Select(w => w.RunAsync(client, CancellationToken.None))];
            await Task.Delay(500 + rng.Next(options.MaxLoadMs));
        }

        await server.KillAsync();
        try
        {
            // Every writer ends on its first failed call; none may still be writing to the model when it is checked.
            await Task.WhenAll(load);
        }
        catch (Exception e)
        {
            problems.Add($"cycle {cycle}: a writer failed: {e.Message}");
        }

        var check = DataDirCheck.Run(dataDir);
        if (check.Integrity != "ok")
        {
            integrityFailures.Add($"cycle {cycle}: {check.Integrity}");
        }

        missingBlobs = Math.Max(missingBlobs, check.MissingBlobs);
        unreferenced = check.UnreferencedBlobs;
        Console.WriteLine(string.Create(inv, $"# cycle {cycle}: {writers.Sum(w => w.Acknowledged)} acknowledged so far, {writers.Count(w => w.Pending is { Operation: not "none" })} writes in flight at the kill, {check.UnreferencedBlobs} unreferenced blob files, {problems.Count} problems, {clock.Elapsed.TotalSeconds:0.0} s"));
    }
}
catch (Exception e)
{
    problems.Add("the run broke off: " + e.Message);
}

foreach (var problem in problems.Take(30))
{
    Console.WriteLine("# " + problem);
}

var acknowledged = writers.Sum(w => w.Acknowledged);
var interrupted = writers.Sum(w => w.UploadsInFlightAtKill);
var checks = new (bool Ok, string What)[]
{
    (problems.Count == 0, $"every acknowledged write present with its content after {options.Cycles} kill -9 cycles ({acknowledged} acknowledged, {problems.Count} lost or wrong)"),
    (integrityFailures.Count == 0, "PRAGMA integrity_check ok after every kill" + string.Concat(integrityFailures.Take(3).Select(f => "; " + f))),
    (packages > 0, $"packages of acknowledged versions download with their SHA-256 ({packages} downloads checked)"),
    (missingBlobs == 0, $"no uploaded object lost its bytes ({missingBlobs} objects name a missing blob file)"),
    // An upload cut by a kill leaves at most one file: a temp file (removed at a start-up once an hour old) or a
    // blob renamed into place before its object row committed (removed by the orphan sweep after 5 minutes
    // unreferenced in one server's life). Neither is readable as a package; more of them than cut uploads is a leak.
    (unreferenced + tempLeft <= interrupted, $"files left by cut uploads ({unreferenced} unreferenced blobs, {tempLeft} temp files) are at most the uploads cut by a kill ({interrupted})"),
};

for (var i = 0; i < checks.Length; i++)
{
    Console.WriteLine(string.Create(inv, $"{(checks[i].Ok ? "ok" : "not ok")} {i + 1} - {checks[i].What}"));
}

Console.WriteLine(string.Create(inv, $"# cycles: {options.Cycles}, acknowledged writes: {acknowledged}, lost: {problems.Count}, {clock.Elapsed.TotalSeconds:0.0} s"));
Console.WriteLine("# done");
if (checks.All(c => c.Ok))
{
    Directory.Delete(dataDir, recursive: true);
    File.Delete(log);
    return 0;
}

Console.WriteLine($"# kept for inspection: {dataDir} and {log}");
return 1;
