using System.Net;
using EdgeRegistry.Hosting;
using EdgeRegistry.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// README "Configuration": <c>/health/live</c> answers 200 while the process serves HTTP; <c>/health/ready</c> 200
/// once the store is reachable and migrated, 503 otherwise. The host is started without <see cref="ServerHost.StartAsync"/>,
/// which would migrate first, so the store's states can be set one by one.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("edgereg-ready-").FullName;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = ServerHost.Build(new Dictionary<string, string?>
        {
            ["EdgeRegistry:Listen"] = "127.0.0.1:0",
            ["EdgeRegistry:DataDir"] = _dataDir,
            ["EdgeRegistry:AdminToken"] = "ready-token-0123456789",
            ["Logging:LogLevel:Default"] = "Error",
        }, services => services.AddSingleton<TimeProvider>(new FakeTimeProvider())); // no background refresh touches the store
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Ready_is_503_until_migrated_200_then_503_while_the_store_is_unreachable_and_200_again_once_it_is_back()
    {
        var database = _app.Services.GetRequiredService<SqliteDatabase>();
        await AssertHealthAsync(HttpStatusCode.ServiceUnavailable, "Not migrated");

        database.Migrate();
        await AssertHealthAsync(HttpStatusCode.OK, "Healthy");

        // The data dir goes away, and with it every way to open the database; connections the pool still held are closed.
        Directory.Delete(_dataDir, recursive: true);
        database.Dispose();
        await AssertHealthAsync(HttpStatusCode.ServiceUnavailable, "Store unreachable");
        await AssertHealthAsync(HttpStatusCode.ServiceUnavailable, "Store unreachable");

        // Back as an empty folder: reachable, but not migrated until it is.
        Directory.CreateDirectory(_dataDir);
        await AssertHealthAsync(HttpStatusCode.ServiceUnavailable, "Not migrated");
        database.Migrate();
        await AssertHealthAsync(HttpStatusCode.OK, "Healthy");
    }

    private async Task AssertHealthAsync(HttpStatusCode ready, string body)
    {
        using var readiness = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal((ready, body), (readiness.StatusCode, await readiness.Content.ReadAsStringAsync()));
        using var liveness = await _http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
    }
}
