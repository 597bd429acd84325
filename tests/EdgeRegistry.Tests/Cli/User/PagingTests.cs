using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.User;

/// <summary>
/// <c>--all</c> walks every page (30 per call, the API's largest); without it a list is the newest 30 and says so.
/// Each test has an account of its own, so the counts are exact.
/// </summary>
public sealed class PagingTests(SystemClockServerFixture fixture) : IClassFixture<SystemClockServerFixture>
{
    private async Task<(UserCliSession Cli, RpcTestClient Root)> FreshAccountAsync()
    {
        var account = await fixture.Server.Admin().CreateAccountAsync();
        return (new UserCliSession(fixture.Server, account.AccessKeyId, account.AccessKeySecret), fixture.Server.ClientFor(account));
    }

    [Fact]
    public async Task Drivers_list_all_returns_every_driver_across_pages_and_one_page_says_there_are_more()
    {
        var (cli, root) = await FreshAccountAsync();
        using var _ = cli;
        var ids = new HashSet<string>();
        for (var i = 0; i < 65; i++)
        {
            ids.Add(await root.CreateDriverAsync($"page_{i:D2}"));
        }

        var all = await cli.JsonAsync("drivers", "list", "--all");
        Assert.Equal(65, all.GetArrayLength());
        Assert.Equal(ids, all.EnumerateArray().Select(d => d.GetProperty("DriverId").GetString()!).ToHashSet());
        Assert.Equal("page_64", all[0].GetProperty("DriverName").GetString());

        var first = await cli.JsonAsync("drivers", "list");
        Assert.Equal(30, first.GetArrayLength());
        Assert.Equal("page_64", first[0].GetProperty("DriverName").GetString());
        var table = await cli.ExpectAsync(0, "drivers", "list");
        Assert.EndsWith("30 of 65 drivers shown; --all lists every one.\n", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("shown", (await cli.ExpectAsync(0, "drivers", "list", "--all")).Out, StringComparison.Ordinal);

        var filtered = await cli.JsonAsync("drivers", "list", "--all", "--name", "page_1");
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"page_{i}").Reverse(), filtered.EnumerateArray().Select(d => d.GetProperty("DriverName").GetString()));
    }

    [Fact]
    public async Task Versions_list_all_returns_every_version_in_the_APIs_order()
    {
        var (cli, root) = await FreshAccountAsync();
        using var _ = cli;
        var driverId = await root.CreateDriverAsync();
        var versions = Enumerable.Range(1, 31).Select(i => $"1.{i}").ToList();
        foreach (var version in versions)
        {
            await root.CreateVersionAsync(driverId, version);
        }

        var all = await cli.JsonAsync("versions", "list", driverId, "--all");

        // Newest first; versions made in the same millisecond by version, descending: the API's order, page by page.
        Assert.Equal(await root.AllVersionsAsync(driverId), all.EnumerateArray().Select(v => v.GetProperty("DriverVersion").GetString()!));
        Assert.Equal(versions.Order(StringComparer.Ordinal), all.EnumerateArray().Select(v => v.GetProperty("DriverVersion").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(30, (await cli.JsonAsync("versions", "list", driverId)).GetArrayLength());
        Assert.Equal(JsonValueKind.Array, (await cli.JsonAsync("versions", "list", driverId, "--all", "--state", "published")).ValueKind);
    }
}
