using System.Collections.Concurrent;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.User;

/// <summary>A server that enforces quotas, on the system clock: its one-second windows pass as the CLI waits.</summary>
public sealed class SystemClockQuotaServerFixture : ServerFixture
{
    protected override TestServerOptions Options => new() { FakeClock = false, Settings = new Dictionary<string, string?> { ["EdgeRegistry:Quotas"] = "on" } };
}

/// <summary>
/// <c>Throttling.User</c> is waited out, as the server's Retry-After asks, and the call tried again (a throttled call
/// changed nothing); a quota that never lets a call through ends, after a bounded number of tries, with exit code 1.
/// </summary>
public sealed class ThrottlingTests(SystemClockQuotaServerFixture fixture) : IClassFixture<SystemClockQuotaServerFixture>
{
    private readonly AdminClient _admin = fixture.Server.Admin();

    [Fact]
    public async Task Paging_through_three_pages_at_one_call_a_second_waits_and_gets_every_version()
    {
        var account = await _admin.CreateAccountAsync();
        await _admin.SetQuotaAsync(account.AccountId, "*", null);
        var root = fixture.Server.ClientFor(account);
        var driverId = await root.CreateDriverAsync();
        for (var i = 0; i < 65; i++)
        {
            await root.CreateVersionAsync(driverId, $"0.{i}");
        }

        await _admin.SetQuotaAsync(account.AccountId, "QueryEdgeDriverVersion", 1);
        using var cli = new UserCliSession(fixture.Server, account.AccessKeyId, account.AccessKeySecret);
        var waits = new ConcurrentQueue<TimeSpan>();
        cli.Delay = (wait, token) =>
        {
            waits.Enqueue(wait);
            return Task.Delay(wait, token);
        };

        var all = await cli.JsonAsync("versions", "list", driverId, "--all");

        Assert.Equal(65, all.GetArrayLength());
        Assert.Equal(65, all.EnumerateArray().Select(v => v.GetProperty("DriverVersion").GetString()).Distinct().Count());
        Assert.NotEmpty(waits);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_call_still_throttled_after_every_retry_exits_1_and_says_so()
    {
        var account = await _admin.CreateAccountAsync();
        await _admin.SetQuotaAsync(account.AccountId, "QueryEdgeDriver", 0);
        using var cli = new UserCliSession(fixture.Server, account.AccessKeyId, account.AccessKeySecret);
        var waits = new ConcurrentQueue<TimeSpan>();
        cli.Delay = (wait, _) =>
        {
            waits.Enqueue(wait);
            return Task.CompletedTask;
        };

        var run = await cli.ExpectAsync(1, "drivers", "list");

        Assert.StartsWith("edgereg: Request was denied due to user flow control. (Throttling.User, request ", run.Error, StringComparison.Ordinal);
        Assert.Equal(7, waits.Count);
        Assert.All(waits, w => Assert.True(w >= TimeSpan.FromSeconds(1), $"waited {w}, less than the server's Retry-After"));
        Assert.True(waits.Last() >= TimeSpan.FromSeconds(8), "the waits grow");
        Assert.Equal("", run.Out);
    }
}
