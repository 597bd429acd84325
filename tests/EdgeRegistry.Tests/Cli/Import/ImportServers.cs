using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.Import;

/// <summary>
/// Two real servers on loopback ports, both on the system clock: a source that enforces quotas (default limits), as
/// Alibaba does, and a target. <c>edgereg admin import</c> runs in-process between them over HTTP.
/// </summary>
public sealed class ImportServers : IAsyncLifetime
{
    public TestServer Source { get; private set; } = null!;

    public TestServer Target { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Source = await TestServer.StartAsync(new TestServerOptions { FakeClock = false, Settings = new Dictionary<string, string?> { ["EdgeRegistry:Quotas"] = "on" } });
        Target = await TestServer.StartAsync(new TestServerOptions { FakeClock = false });
    }

    public async Task DisposeAsync()
    {
        await Source.DisposeAsync();
        await Target.DisposeAsync();
    }

    /// <summary>Runs the import from a source account into a target account; <paramref name="more"/> adds options.</summary>
    public Task<CliRun> ImportAsync(NewAccount from, string toAccountId, Func<TimeSpan, CancellationToken, Task>? delay, params string[] more) =>
        AdminCli.RunAsync(
            ["admin", "--server", Target.BaseUri.ToString(), "--token", TestServer.AdminToken, "import", "--account", toAccountId,
             "--from-endpoint", Source.BaseUri.GetLeftPart(UriPartial.Authority), "--from-access-key-id", from.AccessKeyId,
             "--from-access-key-secret", from.AccessKeySecret, .. more],
            delay: delay);

    /// <summary>The summary of an <c>--output json</c> run.</summary>
    public static JsonElement Summary(CliRun run) => JsonDocument.Parse(run.Out).RootElement.GetProperty("summary").Clone();

    public static IEnumerable<JsonElement> Steps(CliRun run, string action) =>
        JsonDocument.Parse(run.Out).RootElement.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("action").GetString() == action).Select(s => s.Clone()).ToList();
}
