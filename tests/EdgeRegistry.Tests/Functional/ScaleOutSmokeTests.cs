using EdgeRegistry.Storage;
using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.Tests.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// The real server started in scale-out mode (<c>Postgres</c> and <c>Redis</c> set) on a fresh schema of the test
/// PostgreSQL: one driver, version and package round trip through the signed API and the object links, with the
/// bytes in blob_chunks and nothing in the data dir's blob folder.
/// </summary>
public sealed class ScaleOutSmokeTests : IAsyncLifetime
{
    private PostgresSchema _schema = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        var redis = Environment.GetEnvironmentVariable("EDGEREG_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("EDGEREG_TEST_REDIS is not set: run ./test.sh, or tests/engines/start.sh and export what it prints.");
        _server = await TestServer.StartAsync(new TestServerOptions
        {
            Settings = new Dictionary<string, string?> { ["EdgeRegistry:Postgres"] = _schema.ConnectionString, ["EdgeRegistry:Redis"] = redis },
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task A_driver_version_and_package_round_trip_through_PostgreSQL()
    {
        var lifecycle = _server.Services.GetRequiredService<IStorageLifecycle>();
        Assert.StartsWith("PostgreSQL 127.0.0.1:", lifecycle.Description, StringComparison.Ordinal);
        Assert.True(await lifecycle.IsReadyAsync(CancellationToken.None));
        var client = _server.Client;
        var driverId = await client.CreateDriverAsync("scaled");
        var bytes = PackageCalls.RandomBytes(3 * 1024 * 1024 + 11);
        var ossAddress = await client.UploadPackageAsync(driverId, "1.0.0", bytes);
        await client.CreateVersionAsync(driverId, "1.0.0", ("SourceConfig", PackageCalls.SourceConfig(ossAddress)));
        await client.ReleaseAsync(driverId, "1.0.0");

        Assert.Equal(["1.0.0"], await client.AllVersionsAsync(driverId));
        var link = await client.TemporaryAddressAsync(driverId, "1.0.0");
        var whole = await client.GetObjectAsync(link);
        Assert.Equal(200, whole.Status);
        Assert.Equal(bytes, whole.Body);
        var range = await client.GetObjectAsync(link, "GET", ("Range", "bytes=1048570-1048585"));
        Assert.Equal(206, range.Status);
        Assert.Equal(bytes.AsSpan(1048570, 16).ToArray(), range.Body);

        Assert.Equal(4, await _schema.ScalarAsync("SELECT count(*) FROM blob_chunks"));
        Assert.Empty(_server.BlobFiles());
        Assert.Equal(1, await _schema.ScalarAsync("SELECT count(*) FROM driver_versions WHERE published"));
    }
}
