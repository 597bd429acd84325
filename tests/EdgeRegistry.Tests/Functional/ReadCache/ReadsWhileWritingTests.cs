using System.Security.Cryptography;
using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.Tests.Storage.Postgres;

namespace EdgeRegistry.Tests.Functional.ReadCache;

/// <summary>
/// Issue 12's correctness rule, end to end with the read cache on (the default): readers hammer a driver's pages on
/// two servers while one writer creates, updates (with a new package), publishes and deletes versions through
/// both. Every answer must be a state the driver really had no earlier than the last write acknowledged before the
/// read was sent, and no later than the last write sent before the answer came back. Run on two embedded servers
/// sharing one data dir, and on two scale-out replicas sharing PostgreSQL and Redis.
/// </summary>
public sealed class ReadsWhileWritingTests
{
    private const int Writes = 60;
    private const int Readers = 4;

    [Fact]
    public async Task Two_embedded_servers_on_one_data_dir_never_serve_a_page_older_than_an_acknowledged_write()
    {
        var options = new TestServerOptions { Settings = new Dictionary<string, string?> { ["EdgeRegistry:Quotas"] = "off" } };
        await using var a = await TestServer.StartAsync(options);
        await using var b = await TestServer.StartAsync(options with
        {
            Settings = new Dictionary<string, string?> { ["EdgeRegistry:Quotas"] = "off", ["EdgeRegistry:DataDir"] = a.DataDir },
        });
        await HammerAsync(a, b);
    }

    [Fact]
    public async Task Two_scale_out_replicas_never_serve_a_page_older_than_an_acknowledged_write()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["EdgeRegistry:Postgres"] = schema.ConnectionString,
            ["EdgeRegistry:Redis"] = Environment.GetEnvironmentVariable("EDGEREG_TEST_REDIS") is { Length: > 0 } redis
                ? redis
                : throw new InvalidOperationException("EDGEREG_TEST_REDIS is not set: run ./test.sh, or tests/engines/start.sh and export what it prints."),
            ["EdgeRegistry:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["EdgeRegistry:Quotas"] = "off",
        };
        await using var a = await TestServer.StartAsync(new TestServerOptions { Settings = settings });
        await using var b = await TestServer.StartAsync(new TestServerOptions { Settings = settings });
        await HammerAsync(a, b);
    }

    private static async Task HammerAsync(TestServer a, TestServer b)
    {
        RpcTestClient[] clients = [a.Client, b.Client];
        var driverId = await a.Client.CreateDriverAsync();
        var history = new WriteHistory(VersionModel.Empty.Describe());
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, Readers).Select(r => Task.Run(async () =>
        {
            var reads = 0;
            for (var i = r; !stop.IsCancellationRequested; i++, reads++)
            {
                var acknowledged = history.Acknowledged;
                var page = await clients[i % 2].QueryVersionsAsync(driverId, 1, 30);
                history.AssertPossible(Describe(page), acknowledged, history.Started, $"read {reads} of reader {r} on {(i % 2 == 0 ? "A" : "B")}");
            }

            return reads;
        })).ToArray();

        var model = VersionModel.Empty;
        var random = new Random(20261203);
        for (var n = 0; n < Writes; n++)
        {
            var client = clients[n % 2];
            var (next, write) = await model.RandomWriteAsync(client, driverId, random, n);
            history.Start(next.Describe());
            await write();
            history.Acknowledge();
            model = next;
        }

        await stop.CancelAsync();
        var totalReads = (await Task.WhenAll(readers)).Sum();
        Assert.True(totalReads > Writes, $"only {totalReads} reads ran alongside {Writes} writes");

        // And once everything is acknowledged, both answer exactly the final state.
        foreach (var client in clients)
        {
            Assert.Equal(model.Describe(), Describe(await client.QueryVersionsAsync(driverId, 1, 30)));
        }
    }

    /// <summary>What a page says about each version that the writes change, in list order.</summary>
    private static string Describe(RpcResponse page) => string.Join("; ", Listings.VersionItems(page).Select(v =>
        $"{v.GetProperty("DriverVersion").GetString()} {(v.GetProperty("VersionState").GetString() == "1" ? "published" : "draft")} " +
        $"\"{v.GetProperty("Description").GetString()}\" {OssAddress(v)}"));

    private static string OssAddress(JsonElement version) =>
        version.TryGetProperty("SourceConfig", out var source) && source.GetString() is { Length: > 0 } text
            ? JsonDocument.Parse(text).RootElement.TryGetProperty("ossAddress", out var address) ? address.GetString()! : "-"
            : "-";
}
