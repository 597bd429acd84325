using System.Security.Cryptography;
using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.Tests.Hosting;

namespace EdgeRegistry.Tests.Faults;

/// <summary>
/// One replica as an operator runs it: <c>edgereg serve --postgres … --redis …</c> in a process of its own (so a
/// test can kill it with SIGKILL), with the root key, admin token and master key every replica of the pair shares.
/// </summary>
public sealed class ProcessReplica : IAsyncDisposable
{
    /// <summary>How long a client waits for an answer: well past the 10 s bound, so a hang shows as one.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    private readonly ServerProcess _process;
    private readonly string _workDir;
    private bool _killed;

    private ProcessReplica(ServerProcess process, string workDir, Uri address)
    {
        _process = process;
        _workDir = workDir;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = ClientTimeout };
        Client = new RpcTestClient(Http, TimeProvider.System, TestServer.AccessKeyId, TestServer.AccessKeySecret);
        Admin = new AdminClient(Http);
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public RpcTestClient Client { get; }

    public AdminClient Admin { get; }

    /// <summary>What the process wrote so far, for a failure message.</summary>
    public string Output => _process.Output;

    /// <summary>The settings a pair shares; the master key is new for each pair.</summary>
    public static Dictionary<string, string> SharedEnvironment(PrivateEngines engines) => new()
    {
        ["EDGEREG_POSTGRES"] = engines.Postgres,
        ["EDGEREG_REDIS"] = engines.Redis,
        ["EDGEREG_MASTER_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["EDGEREG_ROOT_ACCESS_KEY_ID"] = TestServer.AccessKeyId,
        ["EDGEREG_ROOT_ACCESS_KEY_SECRET"] = TestServer.AccessKeySecret,
        ["EDGEREG_ADMIN_TOKEN"] = TestServer.AdminToken,
        // The fault tests call faster than the per-account quotas allow; the nonce check still goes to Redis.
        ["EDGEREG_QUOTAS"] = "off",
    };

    public static async Task<ProcessReplica> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var workDir = Directory.CreateTempSubdirectory("edgereg-replica-").FullName;
        var process = ServerProcess.Start(workDir, ["--listen", "127.0.0.1:0", "--data-dir", Path.Combine(workDir, "data")], environment);
        try
        {
            var (address, _) = await process.ListeningAsync();
            return new ProcessReplica(process, workDir, address);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>GET /health/ready: the status and the text.</summary>
    public async Task<(int Status, string Text)> ReadyAsync()
    {
        using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown, no flush, connections reset.</summary>
    public ValueTask KillAsync()
    {
        _killed = true;
        return _process.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_killed)
        {
            await _process.DisposeAsync();
        }
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
