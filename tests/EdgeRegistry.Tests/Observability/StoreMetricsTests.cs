using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Observability;

/// <summary>
/// <c>edgereg_store_operation_duration_seconds</c> and <c>edgereg_store_errors_total</c>, per engine: the timing sits
/// under the read cache (a hit is the revision lookup it makes, not a page read), and a store call that throws is
/// counted against its operation. The series of every-day calls are checked in <see cref="MetricsTests"/>.
/// </summary>
public sealed class StoreMetricsTests
{
    private const string Duration = "edgereg_store_operation_duration_seconds_count";
    private const string Errors = "edgereg_store_errors_total";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_read_cache_hit_is_not_a_store_call(string engine)
    {
        await using var engineServer = await EngineServer.StartAsync(engine);
        var server = engineServer.Server;
        var driverId = await server.Client.CreateDriverAsync();
        await server.Client.CreateVersionAsync(driverId, "1.0.0");
        (string, string) Operation(string name) => ("operation", name);

        var before = await PrometheusScrape.ReadAsync(server.Http);
        RpcAssert.Success(await server.Client.QueryVersionsAsync(driverId, 1, 10));
        var missed = await PrometheusScrape.ReadAsync(server.Http);
        RpcAssert.Success(await server.Client.QueryVersionsAsync(driverId, 1, 10));
        var hit = await PrometheusScrape.ReadAsync(server.Http);

        Assert.Equal(1, missed.Value("edgereg_read_cache_misses_total") - before.Value("edgereg_read_cache_misses_total"));
        Assert.Equal(1, missed.Value(Duration, Operation("DriverStore.QueryVersions"), ("engine", engine)) - before.Value(Duration, Operation("DriverStore.QueryVersions")));
        Assert.Equal(1, hit.Value("edgereg_read_cache_hits_total") - missed.Value("edgereg_read_cache_hits_total"));
        Assert.Equal(0, hit.Value(Duration, Operation("DriverStore.QueryVersions")) - missed.Value(Duration, Operation("DriverStore.QueryVersions")));
        // What the hit did cost the store: the revision lookup that proves the entry current.
        Assert.Equal(1, hit.Value(Duration, Operation("DriverStore.GetRevision"), ("engine", engine)) - missed.Value(Duration, Operation("DriverStore.GetRevision")));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_store_call_that_fails_is_counted_as_an_error_of_its_operation(string engine)
    {
        await using var engineServer = await EngineServer.StartAsync(engine);
        var server = engineServer.Server;
        await server.Client.CreateDriverAsync();
        var before = await PrometheusScrape.ReadAsync(server.Http);
        Assert.Equal(0, before.Value(Errors));

        // The store breaks under the server: its driver table is gone. A name filter no page was cached for reaches it.
        await engineServer.ExecuteAsync("ALTER TABLE drivers RENAME TO drivers_away");
        var failed = await server.Client.QueryDriversAsync(10, ("DriverName", "nothing-cached"));
        await engineServer.ExecuteAsync("ALTER TABLE drivers_away RENAME TO drivers");

        // An error inside an operation is answered as Alibaba answers it (and logged with the request id).
        Assert.Equal("iot.system.SystemException", failed.Root.GetProperty("Code").GetString());
        var after = await PrometheusScrape.ReadAsync(server.Http);
        Assert.Equal(1, after.Value(Errors, ("operation", "DriverStore.QueryDrivers"), ("engine", engine)));
        Assert.Equal(1, after.Value(Errors));
        Assert.Equal(1, after.Value(Duration, ("operation", "DriverStore.QueryDrivers"), ("engine", engine)) - before.Value(Duration, ("operation", "DriverStore.QueryDrivers")));
        // Repaired, the store answers again, and that call is no error.
        RpcAssert.Success(await server.Client.QueryDriversAsync(10, ("DriverName", "nothing-cached")));
        Assert.Equal(1, (await PrometheusScrape.ReadAsync(server.Http)).Value(Errors));
    }
}
