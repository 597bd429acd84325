using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;
using EdgeRegistry.Cli.User;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Cli.User.Transfer;

namespace EdgeRegistry.Cli.Admin.Import;

/// <summary>
/// <c>edgereg admin import --account ID [--instance ID] --from-endpoint URL --from-access-key-id ID
/// --from-access-key-secret SECRET [--from-instance ID] [--dry-run]</c>: the source through its public RPC API, the
/// target (this server) through its admin API. Exit 0 when everything is in place, 4 when something was left out
/// for a conflict or refused.
/// </summary>
public sealed class ImportCommand : ServerCallingCommand
{
    private readonly AdminContext _context;
    private readonly Option<string> _account = new("--account") { Description = "The target account.", HelpName = "ACCOUNT_ID", Required = true };
    private readonly Option<string> _instance = new("--instance") { Description = "The target Enterprise instance (default: the public instance).", HelpName = "IOT_INSTANCE_ID" };
    private readonly Option<string> _fromEndpoint = new("--from-endpoint") { Description = "The source's Iot API endpoint, e.g. https://iot.cn-shanghai.aliyuncs.com.", HelpName = "URL", Required = true };
    private readonly Option<string> _fromKeyId = new("--from-access-key-id") { Description = "An AccessKeyId at the source that may read its drivers.", HelpName = "ID", Required = true };
    private readonly Option<string> _fromSecret = new("--from-access-key-secret") { Description = "Its AccessKeySecret.", HelpName = "SECRET", Required = true };
    private readonly Option<string> _fromInstance = new("--from-instance") { Description = "The source's IotInstanceId (default: its public instance).", HelpName = "ID" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Read both sides and print the plan; write nothing." };

    public ImportCommand(AdminContext context)
        : base("import", "Copy every custom driver of another registry (Alibaba Cloud or EdgeRegistry) into an account, keeping DriverIds, versions, states, times and files.", context.Environment)
    {
        _context = context;
        foreach (var option in new Option[] { _account, _instance, _fromEndpoint, _fromKeyId, _fromSecret, _fromInstance, _dryRun })
        {
            Options.Add(option);
        }
    }

    protected override async Task<int> ConnectAndExecuteAsync(ParseResult parse, Action<string> server, CancellationToken cancellationToken)
    {
        var environment = _context.Environment;
        var connection = _context.Options.Resolve(parse, environment);
        var endpoint = UserGlobalOptions.ParseEndpoint(parse.GetRequiredValue(_fromEndpoint), "--from-endpoint");
        server(connection.Server.AbsoluteUri.TrimEnd('/'));
        using var adminHttp = new HttpClient(environment.CreateHandler()) { BaseAddress = connection.Server, Timeout = Timeout.InfiniteTimeSpan };
        adminHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        using var rpcHttp = new HttpClient(environment.CreateHandler()) { Timeout = RequestTimeout };
        using var transferHttp = new HttpClient(environment.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var key = new AccessKeyPair(parse.GetRequiredValue(_fromKeyId), parse.GetRequiredValue(_fromSecret), "--from-access-key-id");
        var rpc = new IotRpc(rpcHttp, endpoint, key, Empty(parse.GetValue(_fromInstance))) { Delay = environment.Delay };

        var workDir = Directory.CreateTempSubdirectory("edgereg-import-").FullName;
        var report = new ImportReport();
        var dryRun = parse.GetValue(_dryRun);
        var clock = Stopwatch.StartNew();
        try
        {
            var source = new ImportSource(rpc, new ObjectTransfer(transferHttp, environment), transferHttp, new OssObjectSigner(key, TimeProvider.System), workDir);
            var target = new ImportTarget(adminHttp, parse.GetRequiredValue(_account), Empty(parse.GetValue(_instance)));
            await new ImportRunner(source, target, report, dryRun, environment.CreateProgressTerminal()).RunAsync(cancellationToken);
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }

        Print(report, report.Summarize(dryRun, clock.Elapsed), connection.Json);
        return report.HasProblems ? ExitCodes.Conflict : ExitCodes.Ok;
    }

    protected override (int ExitCode, string Message)? ApiFailure(Exception exception) => exception switch
    {
        AdminApiException e => (AdminLeafCommand.ExitCodeFor(e.Status), $"the target: {e.Message} ({(e.Code is null ? "" : e.Code + ", ")}HTTP {(int)e.Status})"),
        IotApiException e => (IotErrorExitCodes.For(e.Code, e.Status), $"the source: {e.Message} ({e.Code}{(e.RequestId is null ? "" : ", request " + e.RequestId)})"),
        _ => null,
    };

    private void Print(ImportReport report, ImportSummary summary, bool json)
    {
        var environment = _context.Environment;
        if (json)
        {
            environment.Out.WriteLine(JsonSerializer.Serialize(new { steps = report.Steps, summary }, AdminJson.Output));
            return;
        }

        var output = new TableAdminOutput(environment.CreateTerminal());
        output.List(report.Steps, "The source has no drivers.",
            new AdminField<ImportStep>("DriverId", s => s.DriverId), new AdminField<ImportStep>("Version", s => s.Version ?? ""),
            new AdminField<ImportStep>("Action", s => s.Action), new AdminField<ImportStep>("Detail", s => s.Detail));
        output.Item(summary,
            new AdminField<ImportSummary>("Mode", s => s.DryRun ? "dry run: nothing was written" : "import"),
            new AdminField<ImportSummary>("Drivers", s => $"{s.DriversCreated} created, {s.DriversUnchanged} unchanged"),
            new AdminField<ImportSummary>("Versions", s => $"{s.VersionsCreated} created, {s.VersionsReplaced} replaced, {s.VersionsUnchanged} unchanged"),
            new AdminField<ImportSummary>("Files", s => $"{s.Files} copied, {s.Bytes:N0} bytes"),
            new AdminField<ImportSummary>("Skipped", s => $"{s.Skipped} official driver(s)"),
            new AdminField<ImportSummary>("Conflicts", s => $"{s.Conflicts} conflict(s), {s.Refused} refused"),
            new AdminField<ImportSummary>("Time", s => $"{s.Seconds:0.00} s"));
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
