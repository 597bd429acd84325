using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.User;

/// <summary>
/// <c>edgereg drivers|versions|configure</c> run in-process against a real server, as one user at one machine: a
/// temporary HOME of its own (so no test reads or writes the real profile files) and, unless a test removes them,
/// the endpoint and a key pair in the environment variables the CLI reads.
/// </summary>
public sealed class UserCliSession : IDisposable
{
    public UserCliSession(TestServer server, string? accessKeyId = TestServer.AccessKeyId, string? accessKeySecret = TestServer.AccessKeySecret)
    {
        Server = server;
        Home = Path.Combine(Path.GetTempPath(), "edgereg-cli-home-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Home);
        Variables["HOME"] = Home;
        Variables["EDGEREG_ENDPOINT"] = Endpoint;
        if (accessKeyId is not null && accessKeySecret is not null)
        {
            Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = accessKeyId;
            Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = accessKeySecret;
        }
    }

    public TestServer Server { get; }

    public string Home { get; }

    /// <summary>The server's address as the CLI takes it: no trailing slash.</summary>
    public string Endpoint => Server.BaseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>The whole environment the CLI sees; tests add, change and remove entries.</summary>
    public Dictionary<string, string> Variables { get; } = [];

    /// <summary>Stands in for the waits between throttled retries; null: real waits.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; set; }

    public Task<CliRun> RunAsync(params string[] args) => AdminCli.RunAsync(args, "", Variables, Delay);

    public Task<CliRun> RunWithInputAsync(string stdin, params string[] args) => AdminCli.RunAsync(args, stdin, Variables, Delay);

    /// <summary>Runs and asserts the exit code, showing both streams when it differs.</summary>
    public async Task<CliRun> ExpectAsync(int exitCode, params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == exitCode, $"edgereg {string.Join(' ', args)} exited {run.ExitCode}, not {exitCode}:\n{run.Out}\n{run.Error}");
        return run;
    }

    /// <summary>Runs with <c>--output json</c>, asserts success and that stdout is one JSON document and nothing else.</summary>
    public async Task<JsonElement> JsonAsync(params string[] args)
    {
        var run = await ExpectAsync(0, [.. args, "--output", "json"]);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    /// <summary>A file under the session's HOME with the given content; returns its path.</summary>
    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Home, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the test; the temp folder is cleaned by the OS eventually.
        }
    }
}
