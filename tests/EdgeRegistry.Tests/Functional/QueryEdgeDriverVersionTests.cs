using System.Globalization;
using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// QueryEdgeDriverVersion: newest first (ties: version descending), paging with the true Total, the exact
/// DriverVersion filter, the VersionState filter, both together, and deep pages of long lists.
/// </summary>
public sealed class QueryEdgeDriverVersionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private static string Name(int i) => "1." + i.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>A driver with <paramref name="count"/> versions 1.000, 1.001, …, each created 1 ms after the last.</summary>
    private async Task<string> DriverWithVersions(int count)
    {
        var id = await _client.CreateDriverAsync();
        for (var i = 0; i < count; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await _client.CreateVersionAsync(id, Name(i));
        }

        return id;
    }

    [Fact]
    public async Task Forty_five_versions_page_30_then_15_then_an_empty_page_with_Total_45()
    {
        var id = await DriverWithVersions(45);
        var expected = Enumerable.Range(0, 45).Reverse().Select(Name).ToList();

        var pages = new[] { await _client.QueryVersionsAsync(id, 1, 30), await _client.QueryVersionsAsync(id, 2, 30), await _client.QueryVersionsAsync(id, 3, 30) };

        Assert.Equal([30, 15, 0], pages.Select(p => VersionNames(p).Count));
        Assert.All(pages, p => Assert.Equal(45, Total(p)));
        Assert.Equal(expected, pages.SelectMany(VersionNames));
        Assert.Equal("[]", pages[2].Data.GetProperty("DriverVersionList").GetRawText());
        var times = pages.SelectMany(VersionItems).Select(v => v.GetProperty("GmtCreateTimestamp").GetInt64()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task Small_pages_cover_the_list_exactly_once()
    {
        var id = await DriverWithVersions(10);

        var all = await _client.AllVersionsAsync(id, pageSize: 3);

        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(Name), all);
    }

    [Fact]
    public async Task The_DriverVersion_filter_is_exact()
    {
        var id = await DriverWithVersions(12);

        var hit = await _client.QueryVersionsAsync(id, 1, 30, ("DriverVersion", "1.010"));
        var prefix = await _client.QueryVersionsAsync(id, 1, 30, ("DriverVersion", "1.01"));
        var miss = await _client.QueryVersionsAsync(id, 1, 30, ("DriverVersion", "9.9"));
        var otherCase = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(otherCase, "v1.0-RC");

        Assert.Equal(["1.010"], VersionNames(hit));
        Assert.Equal(1, Total(hit));
        Assert.Empty(VersionNames(prefix));
        Assert.Equal(0, Total(prefix));
        Assert.Empty(VersionNames(miss));
        Assert.Equal(0, Total(miss));
        Assert.Equal("[]", miss.Data.GetProperty("DriverVersionList").GetRawText());
        Assert.Empty(VersionNames(await _client.QueryVersionsAsync(otherCase, 1, 30, ("DriverVersion", "v1.0-rc"))));
    }

    [Fact]
    public async Task The_DriverVersion_filter_on_page_2_is_empty_with_the_true_Total()
    {
        var id = await DriverWithVersions(3);

        var page2 = await _client.QueryVersionsAsync(id, 2, 1, ("DriverVersion", "1.001"));

        Assert.Empty(VersionNames(page2));
        Assert.Equal(1, Total(page2));
    }

    [Fact]
    public async Task The_VersionState_filter_counts_and_orders_each_state()
    {
        var id = await DriverWithVersions(45);
        var released = Enumerable.Range(0, 45).Where(i => i % 4 == 1).ToList();
        foreach (var i in released)
        {
            await _client.ReleaseAsync(id, Name(i));
        }

        var published = await _client.AllVersionsAsync(id, 30, ("VersionState", "1"));
        var unpublished = await _client.AllVersionsAsync(id, 30, ("VersionState", "0"));
        var firstUnpublished = await _client.QueryVersionsAsync(id, 1, 30, ("VersionState", "0"));

        Assert.Equal(released.AsEnumerable().Reverse().Select(Name), published);
        Assert.Equal(Enumerable.Range(0, 45).Except(released).Reverse().Select(Name), unpublished);
        Assert.Equal(45 - released.Count, Total(firstUnpublished));
        Assert.All(VersionItems(firstUnpublished), v => Assert.Equal("0", v.GetProperty("VersionState").GetString()));
        Assert.Equal(45, Total(await _client.QueryVersionsAsync(id, 1, 1)));
        var publishedPage = await _client.QueryVersionsAsync(id, 1, 30, ("VersionState", "1"));
        Assert.Equal(released.Count, Total(publishedPage));
        Assert.All(VersionItems(publishedPage), v => Assert.Equal("1", v.GetProperty("VersionState").GetString()));
    }

    [Fact]
    public async Task Both_filters_together_must_both_hold()
    {
        var id = await DriverWithVersions(3);
        await _client.ReleaseAsync(id, Name(1));

        Assert.Equal([Name(1)], VersionNames(await _client.QueryVersionsAsync(id, 1, 30, ("DriverVersion", Name(1)), ("VersionState", "1"))));
        var wrongState = await _client.QueryVersionsAsync(id, 1, 30, ("DriverVersion", Name(1)), ("VersionState", "0"));
        Assert.Empty(VersionNames(wrongState));
        Assert.Equal(0, Total(wrongState));
        Assert.Equal([Name(2)], VersionNames(await _client.QueryVersionsAsync(id, 1, 30, ("DriverVersion", Name(2)), ("VersionState", "0"))));
        Assert.Equal(0, Total(await _client.QueryVersionsAsync(id, 1, 30, ("DriverVersion", Name(2)), ("VersionState", "1"))));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("10")]
    public async Task Another_VersionState_is_InvalidParam(string state)
    {
        var id = await _client.CreateDriverAsync();

        RpcAssert.InvalidParam(await _client.QueryVersionsAsync(id, 1, 30, ("VersionState", state)), "VersionState");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 31)]
    [InlineData(0, 30)]
    [InlineData(-5, 30)]
    public async Task Page_parameters_out_of_range_are_InvalidPageParams(int page, int size)
    {
        var id = await _client.CreateDriverAsync();

        RpcAssert.BusinessError(await _client.QueryVersionsAsync(id, page, size), "iot.common.InvalidPageParams");
    }

    [Fact]
    public async Task A_page_far_past_the_end_is_empty_with_the_true_Total()
    {
        var id = await DriverWithVersions(2);

        var response = await _client.QueryVersionsAsync(id, int.MaxValue, 30);

        Assert.Empty(VersionNames(response));
        Assert.Equal(2, Total(response));
    }

    [Fact]
    public async Task Versions_created_in_the_same_millisecond_are_ordered_by_version_descending()
    {
        var id = await _client.CreateDriverAsync();
        foreach (var version in new[] { "b", "a", "c", "B", "10", "9" })
        {
            await _client.CreateVersionAsync(id, version);
        }

        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await _client.CreateVersionAsync(id, "0");

        Assert.Equal(["0", "c", "b", "a", "B", "9", "10"], await _client.AllVersionsAsync(id));
        Assert.Equal(["b", "a"], VersionNames(await _client.QueryVersionsAsync(id, 2, 2)));
    }

    [Fact]
    public async Task Creation_order_wins_even_if_the_clock_steps_back()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "first");
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        await _client.CreateVersionAsync(id, "second");
        fixture.Clock.AdjustTime(fixture.Clock.GetUtcNow().AddSeconds(-10));
        await _client.CreateVersionAsync(id, "third");
        fixture.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["third", "second", "first"], await _client.AllVersionsAsync(id));
    }

    [Fact]
    public async Task Three_hundred_versions_in_one_millisecond_in_shuffled_order_page_in_version_order()
    {
        var id = await _client.CreateDriverAsync();
        var names = Enumerable.Range(0, 300).Select(i => "t" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        var shuffled = names.ToArray();
        new Random(1234).Shuffle(shuffled);
        foreach (var name in shuffled)
        {
            await _client.CreateVersionAsync(id, name);
        }

        foreach (var name in names.Where((_, i) => i % 3 == 0))
        {
            await _client.ReleaseAsync(id, name);
        }

        Assert.Equal(names.Reverse(), await _client.AllVersionsAsync(id));
        Assert.Equal(names.Where((_, i) => i % 3 == 0).Reverse(), await _client.AllVersionsAsync(id, 30, ("VersionState", "1")));
        Assert.Equal(names.Where((_, i) => i % 3 != 0).Reverse(), await _client.AllVersionsAsync(id, 7, ("VersionState", "0")));
    }

    [Fact]
    public async Task Deep_pages_of_a_long_list_with_releases_and_deletes_are_exact()
    {
        const int count = 700;
        var id = await DriverWithVersions(count);
        var live = Enumerable.Range(0, count).ToList();
        var released = new HashSet<int>();
        for (var i = 3; i < count; i += 7)
        {
            await _client.ReleaseAsync(id, Name(i));
            released.Add(i);
        }

        for (var i = 5; i < count; i += 11)
        {
            if (!released.Contains(i))
            {
                RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriverVersion", ("DriverId", id), ("DriverVersion", Name(i))));
                live.Remove(i);
            }
        }

        live.Reverse();
        Assert.Equal(live.Select(Name), await _client.AllVersionsAsync(id));
        Assert.Equal(live.Where(released.Contains).Select(Name), await _client.AllVersionsAsync(id, 30, ("VersionState", "1")));
        Assert.Equal(live.Where(i => !released.Contains(i)).Select(Name), await _client.AllVersionsAsync(id, 30, ("VersionState", "0")));

        // A single deep page, in the middle of the list, read on its own.
        var page12 = await _client.QueryVersionsAsync(id, 12, 29);
        Assert.Equal(live.Skip(11 * 29).Take(29).Select(Name), VersionNames(page12));
        Assert.Equal(live.Count, Total(page12));
    }
}
