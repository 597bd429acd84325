using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>QueryEdgeDriver: newest first, the DriverName substring filter, Type, paging and Total.</summary>
public sealed class QueryEdgeDriverTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private static string Token() => "T" + Guid.NewGuid().ToString("N")[..6];

    private Task<RpcResponse> Query(int page, int size, string type = "1", string? name = null, RpcTestClient? client = null) =>
        (client ?? _client).V1Async("QueryEdgeDriver", new Dictionary<string, string>
        {
            ["CurrentPage"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PageSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Type"] = type,
            ["DriverName"] = name ?? "",
        });

    /// <summary>The root key of a new account: unfiltered lists of it hold exactly what the test put there.</summary>
    private async Task<RpcTestClient> OwnAccountAsync() => fixture.Server.ClientFor(await fixture.Server.Admin().CreateAccountAsync());

    [Fact]
    public async Task Drivers_are_listed_newest_first()
    {
        var own = await OwnAccountAsync();
        var a = await own.CreateDriverAsync("a_" + Token());
        var b = await own.CreateDriverAsync("b_" + Token());
        var c = await own.CreateDriverAsync("c_" + Token());

        Assert.Equal([c, b, a], DriverIds(await Query(1, 30, client: own)));
        Assert.Equal([c], DriverIds(await Query(1, 1, client: own)));
    }

    [Fact]
    public async Task Newest_first_holds_within_one_millisecond_and_across_clock_steps()
    {
        var token = Token();
        var ids = new List<string>();
        foreach (var name in new[] { "z", "y", "x" })
        {
            ids.Add(await _client.CreateDriverAsync($"{name}_{token}"));
        }

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        ids.Add(await _client.CreateDriverAsync("w_" + token));
        ids.Reverse();

        Assert.Equal(ids, DriverIds(await Query(1, 30, name: token)));
    }

    [Fact]
    public async Task DriverName_filters_by_case_insensitive_substring()
    {
        var token = Token();
        var alpha = await _client.CreateDriverAsync($"Alpha_{token}_x");
        var beta = await _client.CreateDriverAsync($"beta_{token.ToLowerInvariant()}");
        var gamma = await _client.CreateDriverAsync("gamma_" + Token());

        Assert.Equal([beta, alpha], DriverIds(await Query(1, 30, name: token)));
        Assert.Equal([beta, alpha], DriverIds(await Query(1, 30, name: token.ToUpperInvariant())));
        Assert.Equal([alpha], DriverIds(await Query(1, 30, name: $"HA_{token}")));
        Assert.Equal([alpha], DriverIds(await Query(1, 30, name: $"Alpha_{token}_x")));
        Assert.Equal(2, Total(await Query(1, 30, name: token)));
        Assert.DoesNotContain(gamma, DriverIds(await Query(1, 30, name: token)));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("a%b")]
    [InlineData("*")]
    [InlineData("'")]
    public async Task DriverName_is_matched_literally_not_as_a_pattern(string filter)
    {
        await _client.CreateDriverAsync("ab_" + Token());

        var response = await Query(1, 30, name: filter);

        Assert.Equal(0, Total(response));
        Assert.Empty(DriverIds(response));
    }

    [Fact]
    public async Task An_underscore_in_DriverName_matches_only_an_underscore()
    {
        var token = Token();
        var with = await _client.CreateDriverAsync($"a_{token}");
        await _client.CreateDriverAsync($"ab{token}");

        Assert.Equal([with], DriverIds(await Query(1, 30, name: "_" + token)));
    }

    [Fact]
    public async Task Paging_walks_every_match_once_and_Total_counts_them_all()
    {
        var token = Token();
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await _client.CreateDriverAsync($"p{i}_{token}"));
        }

        created.Reverse();
        var pages = new[] { await Query(1, 3, name: token), await Query(2, 3, name: token), await Query(3, 3, name: token), await Query(4, 3, name: token) };

        Assert.Equal([3, 3, 1, 0], pages.Select(p => DriverIds(p).Count));
        Assert.All(pages, p => Assert.Equal(7, Total(p)));
        Assert.Equal(created, pages.SelectMany(DriverIds));
        Assert.Equal([1, 2, 3, 4], pages.Select(p => p.Data.GetProperty("CurrentPage").GetInt32()));
        Assert.All(pages, p => Assert.Equal(3, p.Data.GetProperty("PageSize").GetInt32()));
    }

    [Fact]
    public async Task Unfiltered_Total_follows_creates_and_deletes()
    {
        var own = await OwnAccountAsync();
        Assert.Equal(0, Total(await Query(1, 1, client: own)));
        var created = new List<string>();
        for (var i = 0; i < 32; i++)
        {
            created.Add(await own.CreateDriverAsync());
        }

        Assert.Equal(32, Total(await Query(1, 1, client: own)));
        RpcAssert.Success(await own.CallAsync("DeleteEdgeDriver", ("DriverId", created[5])));

        var pages = new[] { await Query(1, 30, client: own), await Query(2, 30, client: own) };
        Assert.All(pages, p => Assert.Equal(31, Total(p)));
        created.RemoveAt(5);
        created.Reverse();
        Assert.Equal(created, pages.SelectMany(DriverIds));
    }

    [Fact]
    public async Task A_page_far_past_the_end_is_empty_with_the_true_Total()
    {
        var token = Token();
        await _client.CreateDriverAsync("far_" + token);

        var response = await Query(int.MaxValue, 30, name: token);

        Assert.Empty(DriverIds(response));
        Assert.Equal(1, Total(response));
    }

    [Fact]
    public async Task Type_0_official_drivers_is_an_empty_list_with_Total_0()
    {
        await _client.CreateDriverAsync();

        var response = await Query(1, 30, type: "0");

        Assert.Empty(DriverIds(response));
        Assert.Equal(0, Total(response));
        Assert.Equal(JsonValueKind.Array, response.Data.GetProperty("DriverList").ValueKind);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    public async Task Another_Type_is_InvalidParam(string type) =>
        RpcAssert.InvalidParam(await Query(1, 10, type: type), "Type");

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 31)]
    [InlineData(1, -1)]
    [InlineData(0, 10)]
    [InlineData(-1, 10)]
    public async Task Page_parameters_out_of_range_are_InvalidPageParams(int page, int size)
    {
        var message = RpcAssert.BusinessError(await Query(page, size), "iot.common.InvalidPageParams");

        Assert.Equal("CurrentPage must be 1 or more and PageSize from 1 to 30.", message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public async Task PageSize_1_and_30_are_accepted(int size) =>
        Assert.Equal(size, RpcAssert.Success(await Query(1, size)).Data.GetProperty("PageSize").GetInt32());
}
