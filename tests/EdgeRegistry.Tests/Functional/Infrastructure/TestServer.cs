using EdgeRegistry.Coordination;
using EdgeRegistry.Hosting;
using EdgeRegistry.Packages;
using EdgeRegistry.Tests.Storage.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>How a <see cref="TestServer"/> starts: its clock, where its root key comes from, and its store.</summary>
public sealed record TestServerOptions
{
    /// <summary>A <see cref="FakeTimeProvider"/> the tests move by hand; false: the system clock.</summary>
    public bool FakeClock { get; init; } = true;

    /// <summary>Configures the root key <c>testid</c>/<c>testsecret</c>; false: the server generates one.</summary>
    public bool RootKeyFromConfiguration { get; init; } = true;

    public bool InMemory { get; init; }

    /// <summary>More configuration keys (e.g. <c>EdgeRegistry:MaxPackageBytes</c>), applied over the defaults above.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Runs after the test clock is registered (a log capture, for one).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>
/// One EdgeRegistry server on a loopback port, started exactly as <c>edgereg serve</c> starts it
/// (<see cref="ServerHost.Build"/> then <see cref="ServerHost.StartAsync"/>), over a fresh temporary data dir
/// holding a real SQLite file. It can be stopped and started again on the same dir.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string AccessKeyId = "testid";
    public const string AccessKeySecret = "testsecret";

    /// <summary>The admin API's operator token of every test server.</summary>
    public const string AdminToken = "test-admin-token";

    /// <summary>Where fake clocks start: a time with milliseconds, so the time formats are visible in the tests.</summary>
    public static readonly DateTimeOffset ClockStart = new(2025, 3, 4, 5, 6, 7, 89, TimeSpan.Zero);

    private readonly TestServerOptions _options;
    private readonly string _masterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private WebApplication? _app;
    private WebApplication? _second;
    private HttpClient? _http;
    private PostgresSchema? _schema;

    /// <summary>
    /// Begins this pair's Redis keys and change channel: each pair is a deployment of its own, and the test Redis is
    /// shared by every pair of the run (on one prefix, one pair's failed admin logins or change notices would reach
    /// the others).
    /// </summary>
    private readonly string _redisKeyPrefix = "edgereg-test-" + Guid.NewGuid().ToString("N") + ":";

    /// <summary>
    /// <c>EDGEREG_TEST_MODE=scaleout</c>: every server a test starts with the default store (not in memory, no
    /// PostgreSQL of its own) is two replicas in scale-out mode on a fresh schema of the test PostgreSQL and the test
    /// Redis, with requests alternating between them (<see cref="ReplicaAlternation"/>). test.sh runs the key
    /// functional classes this way as suite <c>dotnet-scaleout</c>.
    /// </summary>
    public static bool ScaleOutMode => Environment.GetEnvironmentVariable("EDGEREG_TEST_MODE") == "scaleout";

    /// <summary>True when this server is two scale-out replicas (see <see cref="ScaleOutMode"/>).</summary>
    public bool IsReplicaPair => _second is not null;

    private TestServer(TestServerOptions options)
    {
        _options = options;
        DataDir = Path.Combine(Path.GetTempPath(), "edgereg-functional-" + Guid.NewGuid().ToString("N"));
        Clock = options.FakeClock ? new FakeTimeProvider(ClockStart) : null;
    }

    public string DataDir { get; }

    /// <summary>The fake clock, or null when the server runs on the system clock.</summary>
    public FakeTimeProvider? Clock { get; }

    public TimeProvider Time => Clock ?? TimeProvider.System;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>A client signing with the configured root key.</summary>
    public RpcTestClient Client { get; private set; } = null!;

    public HttpClient Http => _http ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>The running server's services, for what a test cannot reach over HTTP (the orphan sweep, a link for a check).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Every replica's services (one for an embedded server): what each replica holds for itself, such as its caches.</summary>
    public IReadOnlyList<IServiceProvider> ReplicaServices =>
        _second is null ? [Services] : [Services, _second.Services];

    /// <summary>The PostgreSQL connection string of a replica pair's schema; null for an embedded server.</summary>
    public string? PostgresConnectionString => _schema?.ConnectionString;

    /// <summary>
    /// Every committed blob as the server's own blob store lists it (files in the data dir for an embedded server,
    /// <c>blob_chunks</c> rows in PostgreSQL for a replica pair), ordered.
    /// </summary>
    public async Task<IReadOnlyList<string>> BlobIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var id in Services.GetRequiredService<IBlobStore>().ListAsync(CancellationToken.None))
        {
            ids.Add(id);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Waits until <paramref name="holds"/> is true on every replica, which for a change another replica made takes
    /// as long as its change notice (README "Scale-out": within a second); fails when it is not true by then.
    /// </summary>
    public async Task OnEveryReplicaWithinASecondAsync(Func<IServiceProvider, bool> holds, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (!ReplicaServices.All(holds))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not every replica saw {what} within a second.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Where the filesystem blob store keeps package bytes.</summary>
    public string BlobDir => Path.Combine(DataDir, "blobs");

    /// <summary>Every committed blob file (<c>blobs/ab/abcd…</c>); none for an in-memory server.</summary>
    public IReadOnlyList<string> BlobFiles() => Directory.Exists(BlobDir)
        ? [.. Directory.EnumerateDirectories(BlobDir).Where(d => Path.GetFileName(d) != "tmp").SelectMany(Directory.EnumerateFiles).Order(StringComparer.Ordinal)]
        : [];

    /// <summary>Upload temp files (<c>blobs/tmp</c>), which must not outlive their request.</summary>
    public IReadOnlyList<string> TempFiles() =>
        Directory.Exists(Path.Combine(BlobDir, "tmp")) ? [.. Directory.EnumerateFiles(Path.Combine(BlobDir, "tmp"))] : [];

    public static async Task<TestServer> StartAsync(TestServerOptions? options = null)
    {
        var server = new TestServer(options ?? new TestServerOptions());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts a new server process-equivalent on the same data dir (and the same clock).</summary>
    public async Task StartAgainAsync()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The server is running.");
        }


        var settings = new Dictionary<string, string?>
        {
            ["EdgeRegistry:Listen"] = "127.0.0.1:0",
            ["EdgeRegistry:DataDir"] = DataDir,
            // Request lines would flood the test output; warnings and errors still show.
            ["Logging:LogLevel:Default"] = "Warning",
            // These suites call far faster than the per-account quotas allow; the quota tests turn them on.
            ["EdgeRegistry:Quotas"] = "off",
            ["EdgeRegistry:AdminToken"] = AdminToken,
        };
        if (_options.RootKeyFromConfiguration)
        {
            settings["EdgeRegistry:RootAccessKeyId"] = AccessKeyId;
            settings["EdgeRegistry:RootAccessKeySecret"] = AccessKeySecret;
        }

        if (_options.InMemory)
        {
            settings["EdgeRegistry:InMemory"] = "true";
        }

        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }

        var pair = ScaleOutMode && !_options.InMemory && !settings.ContainsKey("EdgeRegistry:Postgres");
        if (pair)
        {
            _schema ??= await PostgresSchema.CreateAsync();
            settings["EdgeRegistry:Postgres"] = _schema.ConnectionString;
            settings["EdgeRegistry:Redis"] = Environment.GetEnvironmentVariable("EDGEREG_TEST_REDIS") is { Length: > 0 } redis
                ? redis
                : throw new InvalidOperationException("EDGEREG_TEST_MODE=scaleout needs EDGEREG_TEST_REDIS: run tests/engines/start.sh and export what it prints.");
            settings.TryAdd("EdgeRegistry:MasterKey", _masterKey);
        }

        _app = Build(settings, pair);
        BaseUri = await ServerHost.StartAsync(_app);
        if (pair)
        {
            // The second replica names the first in its links, so links look the same whichever made them; the
            // alternation still sends half of their requests to the second.
            var second = new Dictionary<string, string?>(settings)
            {
                ["EdgeRegistry:DataDir"] = DataDir + "-b",
                ["EdgeRegistry:PublicUrl"] = settings.GetValueOrDefault("EdgeRegistry:PublicUrl") ?? BaseUri.ToString(),
            };
            _second = Build(second, pair);
            var secondUri = await ServerHost.StartAsync(_second);
            _http = new HttpClient(new ReplicaAlternation([BaseUri, secondUri])) { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        }
        else
        {
            _http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        }

        Client = ClientFor(AccessKeyId, AccessKeySecret);
    }

    /// <param name="pair">One of the replica pair this server made itself (not a test's own scale-out settings).</param>
    private WebApplication Build(Dictionary<string, string?> settings, bool pair)
    {
        var time = Time;
        return ServerHost.Build(settings, services =>
        {
            services.AddSingleton(time);
            if (pair && settings["EdgeRegistry:Redis"] is { } redis)
            {
                // After AddRedisCoordination's registration, so this one is resolved (see _redisKeyPrefix).
                services.AddSingleton(s => new RedisConnection(redis, _redisKeyPrefix) { Metrics = s.GetService<EdgeRegistry.Observability.RegistryMetrics>() });
            }

            _options.ConfigureServices?.Invoke(services);
        });
    }

    public RpcTestClient ClientFor(string accessKeyId, string secret) => new(Http, Time, accessKeyId, secret);

    public async Task StopAsync()
    {
        _http?.Dispose();
        _http = null;
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (_second is { } second)
        {
            _second = null;
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        try
        {
            foreach (var dir in new[] { DataDir, DataDir + "-b" }.Where(Directory.Exists))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open must not fail the run; the temp dir is cleaned by the OS eventually.
        }
    }
}

/// <summary>The per-class server: a fake clock and the configured root key.</summary>
public class ServerFixture : IAsyncLifetime
{
    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    public RpcTestClient Client => Server.Client;

    public FakeTimeProvider Clock => Server.Clock ?? throw new InvalidOperationException("This server runs on the system clock.");

    protected virtual TestServerOptions Options => new();

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(Options);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>A server on the system clock, for tests whose timing is real (concurrency).</summary>
public sealed class SystemClockServerFixture : ServerFixture
{
    protected override TestServerOptions Options => new() { FakeClock = false };
}
