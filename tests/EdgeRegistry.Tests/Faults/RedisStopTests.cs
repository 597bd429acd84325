using System.Diagnostics;
using System.Net;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Xunit.Abstractions;

namespace EdgeRegistry.Tests.Faults;

/// <summary>
/// Issue 9, faults: Redis stopped under two serving replicas (SHUTDOWN NOSAVE, and SIGKILL). Signed calls fail closed
/// (the nonce cannot be checked, so nothing is let through) with 503 ServiceUnavailable within 10 s and
/// /health/ready says "Redis unreachable"; the admin API and object links, which need only PostgreSQL, keep
/// answering. Once Redis is started again on its port, both replicas serve again without a restart, and change
/// notices travel again (a key disabled through one is refused by the other within a second).
/// </summary>
public sealed class RedisStopTests(ReplicaPairFixture pair, ITestOutputHelper output) : IClassFixture<ReplicaPairFixture>
{
    [Theory]
    [InlineData("nosave")]
    [InlineData("kill")]
    public async Task Signed_calls_fail_closed_within_the_bound_and_both_replicas_recover_by_themselves(string mode)
    {
        var driverId = await pair.A.Client.CreateDriverAsync();
        var ossAddress = await pair.A.Client.UploadPackageAsync(driverId, "1.0.0", PackageCalls.RandomBytes(4096));
        await pair.A.Client.CreateVersionAsync(driverId, "1.0.0", ("SourceConfig", PackageCalls.SourceConfig(ossAddress)));
        var download = await pair.B.Client.TemporaryAddressAsync(driverId, "1.0.0");

        await pair.Engines.StopRedisAsync(mode);

        var answers = await Task.WhenAll(pair.Both.Select(async replica => new[]
        {
            await Probes.RpcReadAsync(replica),
            await Probes.RpcWriteAsync(replica),
            await Probes.ReadyAsync(replica),
            await Probes.AdminAsync(replica),
            await Probes.ObjectGetAsync(replica, download.On(replica)),
        }));
        foreach (var probe in answers.SelectMany(a => a))
        {
            output.WriteLine($"Redis stopped ({mode}): {probe}");
        }

        foreach (var replicaAnswers in answers)
        {
            OutageAssert.Unavailable(replicaAnswers[0]);
            OutageAssert.Unavailable(replicaAnswers[1]);
            OutageAssert.Unavailable(replicaAnswers[2], readyText: "Redis unreachable");
            Assert.True(replicaAnswers[3].Status == 200, $"The admin API needs only PostgreSQL: {replicaAnswers[3]}");
            Assert.True(replicaAnswers[4].Status == 200, $"Object links need only PostgreSQL: {replicaAnswers[4]}");
        }

        await pair.Engines.StartRedisAsync();
        var recovery = await OutageAssert.RecoveredAsync(pair.Both.SelectMany(r => new Func<Task<Probe>>[]
        {
            () => Probes.RpcReadAsync(r), () => Probes.ReadyAsync(r),
        }));
        output.WriteLine($"Redis back ({mode}): both replicas serve again {recovery.TotalMilliseconds:0} ms after it answered PONG");

        foreach (var replica in pair.Both)
        {
            await OutageAssert.AllSucceedAsync(replica, 20);
        }

        await AKeyDisabledThroughOneIsRefusedByTheOtherWithinASecondAsync();
    }

    private async Task AKeyDisabledThroughOneIsRefusedByTheOtherWithinASecondAsync()
    {
        var account = await pair.A.Admin.CreateAccountAsync();
        var onB = new RpcTestClient(pair.B.Http, TimeProvider.System, account.AccessKeyId, account.AccessKeySecret);
        RpcAssert.Success(await onB.QueryDriversAsync(1));   // cached on B now

        await pair.A.Admin.SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, enabled: false);

        var waited = Stopwatch.StartNew();
        RpcResponse answer;
        do
        {
            answer = await onB.QueryDriversAsync(1);
        }
        while (answer.Status == HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(1));

        output.WriteLine($"after the outage, a key disabled through A was refused by B after {waited.Elapsed.TotalMilliseconds:0} ms");
        RpcAssert.GatewayError(answer, 400, "InvalidAccessKeyId.Inactive");
    }
}
