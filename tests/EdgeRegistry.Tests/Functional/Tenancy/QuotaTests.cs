using System.Net;
using EdgeRegistry.Quotas;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>A server that enforces quotas, on a fake clock the tests hold still (one window) or move a second on.</summary>
public sealed class QuotaServerFixture : ServerFixture
{
    protected override TestServerOptions Options => new() { Settings = new Dictionary<string, string?> { ["EdgeRegistry:Quotas"] = "on" } };
}

/// <summary>
/// api.md section 6 against a real server: per account and action, N calls per one-second window, all keys and RAM
/// users of the account counted together, Throttling.User (400, Retry-After) beyond it, other accounts untouched.
/// The clock is frozen, so every burst falls in one window and the counts are exact. Each test uses accounts of its
/// own: the frozen window is shared by the whole class. An override is in force on every replica before a burst.
/// </summary>
public sealed class QuotaTests(QuotaServerFixture fixture) : IClassFixture<QuotaServerFixture>
{
    private readonly TestServer _server = fixture.Server;
    private readonly AdminClient _admin = fixture.Server.Admin();

    /// <summary>A new account and one driver of it, made with its root key.</summary>
    private async Task<(NewAccount Account, RpcTestClient Root, string DriverId)> AccountWithDriverAsync()
    {
        var account = await _admin.CreateAccountAsync();
        var root = _server.ClientFor(account);
        return (account, root, await root.CreateDriverAsync());
    }

    /// <summary>
    /// Waits until every replica enforces <paramref name="expected"/> for the account: an override set through one
    /// replica reaches the others with its change notice (README "Scale-out": within a second), and a burst sent
    /// before then would be counted against the old limit there. At once on an embedded server.
    /// </summary>
    private Task EnforcedEverywhereAsync(string accountId, params (string Action, QuotaLimit Limit)[] expected) =>
        _server.OnEveryReplicaWithinASecondAsync(
            replica => expected.All(e => replica.GetRequiredService<QuotaLimitsSource>().Current.For(accountId, e.Action) == e.Limit),
            $"the quota overrides of {accountId}");

    private static Task<RpcResponse> Query(RpcTestClient client, string driverId) => client.QueryVersionsAsync(driverId, 1, 10);

    /// <summary>Every call of a burst answered: success, or Throttling.User with Retry-After 1 (the clock sits at .089 s).</summary>
    private static int CountSuccesses(IEnumerable<RpcResponse> responses)
    {
        var successes = 0;
        foreach (var response in responses)
        {
            if (response.Status == HttpStatusCode.OK)
            {
                RpcAssert.Success(response);
                successes++;
            }
            else
            {
                RpcAssert.GatewayError(response, 400, "Throttling.User", "Request was denied due to user flow control.");
                Assert.Equal("1", response.Headers.GetValueOrDefault("retry-after"));
            }
        }

        return successes;
    }

    private static async Task<int> BurstAsync(int calls, Func<int, Task<RpcResponse>> call) =>
        CountSuccesses(await Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(() => call(i)))));

    [Fact]
    public async Task Fifty_concurrent_calls_in_one_second_let_exactly_ten_through()
    {
        var (_, root, driverId) = await AccountWithDriverAsync();

        Assert.Equal(10, await BurstAsync(50, _ => Query(root, driverId)));
    }

    [Fact]
    public async Task Two_RAM_users_and_the_root_key_share_the_account_quota()
    {
        var (account, root, driverId) = await AccountWithDriverAsync();
        RpcTestClient[] clients =
        [
            root,
            _server.ClientFor(await _admin.CreateRamUserAsync(account.AccountId, AdminClient.AllowAll)),
            _server.ClientFor(await _admin.CreateRamUserAsync(account.AccountId, AdminClient.AllowAll)),
        ];

        Assert.Equal(10, await BurstAsync(60, i => Query(clients[i % 3], driverId)));
    }

    [Fact]
    public async Task A_second_account_bursting_at_the_same_time_has_its_own_ten()
    {
        var (_, first, firstDriver) = await AccountWithDriverAsync();
        var (_, second, secondDriver) = await AccountWithDriverAsync();

        var bursts = await Task.WhenAll(BurstAsync(50, _ => Query(first, firstDriver)), BurstAsync(50, _ => Query(second, secondDriver)));

        Assert.Equal([10, 10], bursts);
    }

    [Fact]
    public async Task The_next_second_the_quota_is_back()
    {
        var (_, root, driverId) = await AccountWithDriverAsync();
        Assert.Equal(10, await BurstAsync(50, _ => Query(root, driverId)));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(10, await BurstAsync(50, _ => Query(root, driverId)));
    }

    [Fact]
    public async Task A_throttled_CreateEdgeDriver_creates_nothing()
    {
        var account = await _admin.CreateAccountAsync();
        var root = _server.ClientFor(account);
        var names = Enumerable.Range(0, 25).Select(_ => DriverCalls.UniqueName("q")).ToArray();

        var answers = await Task.WhenAll(names.Select(name => Task.Run(() => root.CallAsync("CreateEdgeDriver",
            ("DriverName", name), ("DriverProtocol", "modbus"), ("Runtime", "python3")))));
        Assert.Equal(10, CountSuccesses(answers));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var listed = RpcAssert.Success(await root.QueryDriversAsync(30))
            .Data.GetProperty("DriverList").EnumerateArray().Select(d => d.GetProperty("DriverName").GetString()!).Order(StringComparer.Ordinal);
        var created = names.Where((_, i) => answers[i].Status == HttpStatusCode.OK).Order(StringComparer.Ordinal);
        Assert.Equal(created, listed);
    }

    [Fact]
    public async Task A_lower_limit_for_one_action_applies_to_that_action_only()
    {
        var (account, root, driverId) = await AccountWithDriverAsync();
        await root.CreateVersionAsync(driverId, "1.0.0");
        await _admin.SetQuotaAsync(account.AccountId, "QueryEdgeDriverVersion", 3);
        await EnforcedEverywhereAsync(account.AccountId, ("QueryEdgeDriverVersion", QuotaLimit.PerSecond(3)));

        Assert.Equal(3, await BurstAsync(20, _ => Query(root, driverId)));
        Assert.Equal(10, await BurstAsync(20, _ => root.CallAsync("GetEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", "1.0.0"))));
    }

    [Fact]
    public async Task An_unlimited_account_is_never_throttled()
    {
        var (account, root, driverId) = await AccountWithDriverAsync();
        await _admin.SetQuotaAsync(account.AccountId, "*", null);
        await EnforcedEverywhereAsync(account.AccountId, ("QueryEdgeDriverVersion", QuotaLimit.Unlimited), ("QueryEdgeDriver", QuotaLimit.Unlimited));

        Assert.Equal(50, await BurstAsync(50, _ => Query(root, driverId)));
        Assert.Equal(30, await BurstAsync(30, _ => root.QueryDriversAsync()));
    }

    [Fact]
    public async Task Unlimited_for_one_action_leaves_the_others_at_their_limits()
    {
        var (account, root, driverId) = await AccountWithDriverAsync();
        await _admin.SetQuotaAsync(account.AccountId, "QueryEdgeDriverVersion", null);
        await EnforcedEverywhereAsync(account.AccountId, ("QueryEdgeDriverVersion", QuotaLimit.Unlimited));

        Assert.Equal(50, await BurstAsync(50, _ => Query(root, driverId)));
        Assert.Equal(5, await BurstAsync(20, _ => root.QueryDriversAsync()));
    }

    [Fact]
    public async Task A_star_override_sets_every_action_and_an_action_override_beats_it()
    {
        var (account, root, driverId) = await AccountWithDriverAsync();
        await _admin.SetQuotaAsync(account.AccountId, "*", 2);
        await _admin.SetQuotaAsync(account.AccountId, "QueryEdgeDriverVersion", 4);
        await EnforcedEverywhereAsync(account.AccountId, ("QueryEdgeDriver", QuotaLimit.PerSecond(2)), ("BatchGetEdgeDriver", QuotaLimit.PerSecond(2)),
            ("QueryEdgeDriverVersion", QuotaLimit.PerSecond(4)));

        Assert.Equal(2, await BurstAsync(10, _ => root.QueryDriversAsync()));
        Assert.Equal(2, await BurstAsync(10, _ => root.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", driverId))));
        Assert.Equal(4, await BurstAsync(10, _ => Query(root, driverId)));
    }

    [Fact]
    public async Task Removing_an_override_restores_the_reference_limit()
    {
        var (account, root, driverId) = await AccountWithDriverAsync();
        await _admin.SetQuotaAsync(account.AccountId, "QueryEdgeDriverVersion", 1);
        await EnforcedEverywhereAsync(account.AccountId, ("QueryEdgeDriverVersion", QuotaLimit.PerSecond(1)));
        Assert.Equal(1, await BurstAsync(5, _ => Query(root, driverId)));

        AdminClient.Expect(await _admin.DeleteAsync($"/admin/accounts/{account.AccountId}/quotas/QueryEdgeDriverVersion"), 204);
        await EnforcedEverywhereAsync(account.AccountId, ("QueryEdgeDriverVersion", QuotaLimits.ReferenceFor("QueryEdgeDriverVersion")));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(10, await BurstAsync(30, _ => Query(root, driverId)));
    }
}

/// <summary>The functional fixture's default: <c>EdgeRegistry:Quotas=off</c>.</summary>
public sealed class QuotasOffTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_server_with_quotas_off_never_throttles()
    {
        var account = await fixture.Server.Admin().CreateAccountAsync();
        var root = fixture.Server.ClientFor(account);
        var driverId = await root.CreateDriverAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => root.QueryVersionsAsync(driverId, 1, 10))));
        var listings = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => root.QueryDriversAsync())));

        Assert.All([.. answers, .. listings], r => RpcAssert.Success(r));
    }
}
