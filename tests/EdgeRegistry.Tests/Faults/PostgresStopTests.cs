using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.Tests.Observability;
using Xunit.Abstractions;

namespace EdgeRegistry.Tests.Faults;

/// <summary>
/// Issue 9, faults: PostgreSQL stopped under two serving replicas (<c>pg_ctl stop -m fast</c>, and <c>immediate</c>,
/// which is a crash as far as the data is concerned). Every surface of both replicas answers 503 in its own error
/// shape within 10 s (RPC ServiceUnavailable, admin JSON, object XML, /health/ready), never a 500 or a hang, and
/// counts the failed store calls in <c>edgereg_store_errors_total{engine="postgres"}</c>; once
/// PostgreSQL is started again on the same port and data, both serve again without a restart, every call after
/// that succeeds (no stale pooled connection fails a later request), and what was written before is still there.
/// </summary>
public sealed class PostgresStopTests(ReplicaPairFixture pair, ITestOutputHelper output) : IClassFixture<ReplicaPairFixture>
{
    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task Every_surface_answers_503_within_the_bound_and_both_replicas_recover_by_themselves(string mode)
    {
        var bytes = PackageCalls.RandomBytes(1024 * 1024 + 17);
        var driverId = await pair.A.Client.CreateDriverAsync();
        var ossAddress = await pair.A.Client.UploadPackageAsync(driverId, "1.0.0", bytes);
        await pair.A.Client.CreateVersionAsync(driverId, "1.0.0", ("SourceConfig", PackageCalls.SourceConfig(ossAddress)));
        var download = await pair.B.Client.TemporaryAddressAsync(driverId, "1.0.0");
        var upload = (await pair.B.Client.PresignAsync(driverId, "1.0.1")).PresignedUrl;
        foreach (var replica in pair.Both)
        {
            Assert.Equal(200, (await Probes.ReadyAsync(replica)).Status);
            Assert.Equal(200, (await Probes.ObjectGetAsync(replica, download.On(replica))).Status);
        }

        var errorsBefore = await Task.WhenAll(pair.Both.Select(StoreErrorsAsync));
        await pair.Engines.StopPostgresAsync(mode);

        var answers = await Task.WhenAll(pair.Both.Select(async replica => new[]
        {
            await Probes.RpcReadAsync(replica),
            await Probes.RpcWriteAsync(replica),
            await Probes.AdminAsync(replica),
            await Probes.ObjectGetAsync(replica, download.On(replica)),
            await Probes.ObjectPutAsync(replica, upload.On(replica), bytes),
            await Probes.ReadyAsync(replica),
        }));
        foreach (var probe in answers.SelectMany(a => a))
        {
            output.WriteLine($"PostgreSQL stopped ({mode}): {probe}");
        }

        foreach (var replicaAnswers in answers)
        {
            foreach (var probe in replicaAnswers[..^1])
            {
                OutageAssert.Unavailable(probe);
            }

            OutageAssert.Unavailable(replicaAnswers[^1], readyText: "Store unreachable");
        }

        // Each replica counted the store calls that failed, against the PostgreSQL engine (a scrape needs no database).
        var errorsDuring = await Task.WhenAll(pair.Both.Select(StoreErrorsAsync));
        Assert.All(errorsBefore.Zip(errorsDuring), counts => Assert.True(counts.Second > counts.First, $"store errors {counts.First} before, {counts.Second} during the outage"));

        await pair.Engines.StartPostgresAsync();
        var recovery = await OutageAssert.RecoveredAsync(pair.Both.SelectMany(r => new Func<Task<Probe>>[]
        {
            () => Probes.RpcReadAsync(r), () => Probes.ReadyAsync(r), () => Probes.AdminAsync(r),
        }));
        output.WriteLine($"PostgreSQL back ({mode}): both replicas serve again {recovery.TotalMilliseconds:0} ms after it accepted connections");

        foreach (var replica in pair.Both)
        {
            await OutageAssert.AllSucceedAsync(replica, 20);
            var again = await replica.Client.GetObjectAsync(download.On(replica));
            Assert.Equal(200, again.Status);
            Assert.Equal(bytes, again.Body);
            Assert.Equal(["1.0.0"], await replica.Client.AllVersionsAsync(driverId));
        }
    }

    private static async Task<double> StoreErrorsAsync(ProcessReplica replica) =>
        (await PrometheusScrape.ReadAsync(replica.Http)).Value("edgereg_store_errors_total", ("engine", "postgres"));
}
