using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>BatchGetEdgeDriver: the order asked without duplicates, unknown ids left out, 1–30 flattened ids.</summary>
public sealed class BatchGetEdgeDriverTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string UnknownId = "ffffffffffffffffffffffffffffffff";

    private readonly RpcTestClient _client = fixture.Client;

    private Task<RpcResponse> Batch(params string[] ids) =>
        _client.V1Async("BatchGetEdgeDriver", ids.Select((id, i) => new KeyValuePair<string, string>($"DriverIds.{i + 1}", id)));

    [Fact]
    public async Task Drivers_come_back_in_the_order_asked()
    {
        var a = await _client.CreateDriverAsync();
        var b = await _client.CreateDriverAsync();
        var c = await _client.CreateDriverAsync();

        Assert.Equal([b, c, a], DriverIds(await Batch(b, c, a)));
        Assert.Equal([a, b, c], DriverIds(await Batch(a, b, c)));
    }

    [Fact]
    public async Task An_id_asked_twice_is_listed_once_where_it_was_first_asked()
    {
        var a = await _client.CreateDriverAsync();
        var b = await _client.CreateDriverAsync();
        var c = await _client.CreateDriverAsync();

        Assert.Equal([b, a, c], DriverIds(await Batch(b, a, b, c, a, UnknownId, UnknownId)));
        Assert.Equal([a], DriverIds(await Batch(a, a, a)));
        Assert.Equal([c, a], DriverIds(await _client.V3Async("BatchGetEdgeDriver", [new("DriverIds.1", c), new("DriverIds.2", a), new("DriverIds.3", c)])));
    }

    [Fact]
    public async Task Unknown_ids_are_left_out_without_an_error()
    {
        var a = await _client.CreateDriverAsync();
        var b = await _client.CreateDriverAsync();

        Assert.Equal([a, b], DriverIds(await Batch(UnknownId, a, "nope", b)));
        Assert.Empty(DriverIds(await Batch(UnknownId)));
        Assert.Equal("[]", RpcAssert.Success(await Batch(UnknownId)).Root.GetProperty("DriverList").GetRawText());
    }

    [Fact]
    public async Task Items_are_ordered_by_their_numeric_index_not_by_name()
    {
        var ids = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            ids.Add(await _client.CreateDriverAsync());
        }

        // Sent in reverse; DriverIds.10 must come after DriverIds.9, not after DriverIds.1.
        var parameters = ids.Select((id, i) => new KeyValuePair<string, string>($"DriverIds.{i + 1}", id)).Reverse();

        Assert.Equal(ids, DriverIds(await _client.V1Async("BatchGetEdgeDriver", parameters)));
    }

    [Fact]
    public async Task Thirty_ids_are_accepted_and_31_are_ParameterSizeLimit()
    {
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await _client.CreateDriverAsync());
        }

        Assert.Equal(ids, DriverIds(await Batch([.. ids])));
        RpcAssert.SizeLimit(await Batch([.. ids, UnknownId]), "DriverIds", 31, 30);
    }

    [Fact]
    public async Task Over_V3_the_ids_are_flattened_in_the_query()
    {
        var a = await _client.CreateDriverAsync();
        var b = await _client.CreateDriverAsync();

        var response = await _client.V3Async("BatchGetEdgeDriver", [new("DriverIds.1", b), new("DriverIds.2", a)]);

        Assert.Equal([b, a], DriverIds(response));
    }

    [Fact]
    public async Task No_ids_is_MissingDriverDriverIds()
    {
        RpcAssert.MissingOperationParameter(await _client.CallAsync("BatchGetEdgeDriver"), "DriverIds");
        RpcAssert.MissingOperationParameter(await _client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", "")), "DriverIds");
    }

    [Fact]
    public async Task A_deleted_driver_is_left_out()
    {
        var a = await _client.CreateDriverAsync();
        var b = await _client.CreateDriverAsync();
        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", a)));

        Assert.Equal([b], DriverIds(await Batch(a, b)));
    }
}
