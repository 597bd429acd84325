using System.Net;
using System.Security.Cryptography;
using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.Tests.Functional.Tenancy;
using EdgeRegistry.Tests.Storage.Postgres;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// "One system, not N": two real servers in scale-out mode on one PostgreSQL schema and one Redis, as two replicas
/// behind a load balancer. Quotas are counted once, a nonce used on one is refused by the other, a key disabled
/// through one is refused by the other, a write through one is read at once through the other, and racing creates
/// end like they do on one node. Both replicas' fake clocks stand in the same second.
/// </summary>
public sealed class TwoReplicaTests : IAsyncLifetime
{
    private PostgresSchema _schema = null!;
    private TestServer _a = null!;
    private TestServer _b = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        var redis = Environment.GetEnvironmentVariable("EDGEREG_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("EDGEREG_TEST_REDIS is not set: run ./test.sh, or tests/engines/start.sh and export what it prints.");
        var settings = new Dictionary<string, string?>
        {
            ["EdgeRegistry:Postgres"] = _schema.ConnectionString,
            ["EdgeRegistry:Redis"] = redis,
            ["EdgeRegistry:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["EdgeRegistry:Quotas"] = "on",
        };
        _a = await TestServer.StartAsync(new TestServerOptions { Settings = settings });
        _b = await TestServer.StartAsync(new TestServerOptions { Settings = settings });
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task Fifty_calls_split_over_two_replicas_in_one_second_let_exactly_ten_through()
    {
        var account = await _a.Admin().CreateAccountAsync();
        var onA = _a.ClientFor(account.AccessKeyId, account.AccessKeySecret);
        var onB = _b.ClientFor(account.AccessKeyId, account.AccessKeySecret);
        var driverId = await onA.CreateDriverAsync();
        _a.Clock!.Advance(TimeSpan.FromSeconds(1));
        _b.Clock!.Advance(TimeSpan.FromSeconds(1));

        // QueryEdgeDriverVersion: 10 a second (api.md section 6).
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => (i % 2 == 0 ? onA : onB).QueryVersionsAsync(driverId, 1, 10))));

        Assert.Equal(10, answers.Count(r => r.Code == "Success"));
        Assert.All(answers.Where(r => r.Code != "Success"), r => RpcAssert.GatewayError(r, 400, "Throttling.User"));
    }

    [Fact]
    public async Task A_nonce_used_on_one_replica_is_refused_by_the_other()
    {
        var nonce = Guid.NewGuid().ToString("N");
        RpcAssert.Success(await _a.Client.V1Async("QueryEdgeDriver", Listings.OneDriverPage, new V1Options { Nonce = nonce }));

        RpcAssert.GatewayError(await _b.Client.V1Async("QueryEdgeDriver", Listings.OneDriverPage, new V1Options { Nonce = nonce }), 400, "SignatureNonceUsed");
    }

    [Fact]
    public async Task A_key_disabled_through_one_replica_is_refused_by_the_other_within_a_second()
    {
        var account = await _a.Admin().CreateAccountAsync();
        var onB = _b.ClientFor(account.AccessKeyId, account.AccessKeySecret);
        RpcAssert.Success(await onB.CallAsync("QueryEdgeDriver", Listings.FirstDriverPage(1)));   // cached on B now

        await _a.Admin().SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, enabled: false);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        RpcResponse answer;
        do
        {
            answer = await onB.CallAsync("QueryEdgeDriver", Listings.FirstDriverPage(1));
        }
        while (answer.Status == HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(1));

        RpcAssert.GatewayError(answer, 400, "InvalidAccessKeyId.Inactive");
    }

    [Fact]
    public async Task A_write_through_one_replica_is_read_at_once_through_the_other()
    {
        var driverId = await _a.Client.CreateDriverAsync();
        await _a.Client.CreateVersionAsync(driverId, "1.0.0");

        Assert.Equal(["1.0.0"], await _b.Client.AllVersionsAsync(driverId));
    }

    [Fact]
    public async Task Racing_creates_of_one_name_on_two_replicas_let_exactly_one_win()
    {
        var name = "race" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _a : _b).Client.CallAsync("CreateEdgeDriver", ("DriverName", name), ("DriverProtocol", "modbus"), ("Runtime", "python3")))));

        Assert.Single(answers, r => r.Code == "Success");
        Assert.All(answers.Where(r => r.Code != "Success"), r => RpcAssert.BusinessError(r, "iot.edge.DriverNameExist"));
    }
}
