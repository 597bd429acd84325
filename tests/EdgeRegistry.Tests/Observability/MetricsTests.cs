using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Observability;

/// <summary>
/// <c>/metrics</c> of a real server, scraped before and after known calls, in both modes. Other test servers in this
/// process record into meters of the same name, so the checks are on growth by at least what this test did, with
/// the labels it must carry.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Embedded_requests_codes_latency_throttling_and_object_bytes_are_counted()
    {
        await using var engine = await EngineServer.StartAsync("sqlite", new Dictionary<string, string?> { ["EdgeRegistry:Quotas"] = "on" });
        var server = engine.Server;
        var before = await PrometheusScrape.ReadAsync(server.Http);
        Assert.True(before.Has("edgereg_replica_info", ("mode", "embedded")), before.Text);
        Assert.Equal(1, before.Value("edgereg_replica_info"));   // this server's own meter only, not its neighbours' in this process

        var client = server.Client;
        var driverId = await client.CreateDriverAsync();
        for (var i = 0; i < 3; i++)
        {
            RpcAssert.Success(await client.QueryDriversAsync());
        }

        // The same page twice: the second is a read-cache hit.
        RpcAssert.Success(await client.QueryVersionsAsync(driverId, 1, 10));
        RpcAssert.Success(await client.QueryVersionsAsync(driverId, 1, 10));

        var missing = await client.CallAsync("GetEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", "9.9.9"));
        var missingCode = missing.Root.GetProperty("Code").GetString()!;
        await client.CallAsync("NoSuchActionAtAll");
        var bytes = PackageCalls.RandomBytes(123_456);
        var address = await client.UploadPackageAsync(driverId, "1.0.0", bytes);
        Assert.Equal(200, (await client.GetObjectAsync(server.DownloadLink(address))).Status);

        var tenant = await server.Admin().CreateAccountAsync();
        await server.Admin().SetQuotaAsync(tenant.AccountId, "QueryEdgeDriver", 1);
        var tenantClient = server.ClientFor(tenant);
        var throttled = 0;
        for (var i = 0; i < 4; i++)
        {
            throttled += (await tenantClient.QueryDriversAsync()).Body.Contains("Throttling.User", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(throttled > 0);
        var after = await PrometheusScrape.ReadAsync(server.Http);
        double Delta(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);

        Assert.True(Delta("edgereg_rpc_requests_total", ("action", "QueryEdgeDriver"), ("code", "Success")) >= 3);
        Assert.True(Delta("edgereg_rpc_requests_total", ("action", "CreateEdgeDriver"), ("code", "Success")) >= 1);
        Assert.True(Delta("edgereg_rpc_requests_total", ("action", "GetEdgeDriverVersion"), ("code", missingCode)) >= 1);
        Assert.True(Delta("edgereg_rpc_requests_total", ("action", "other")) >= 1);
        Assert.False(after.Has("edgereg_rpc_requests_total", ("action", "NoSuchActionAtAll")), "a made-up Action must not become a label");
        Assert.True(Delta("edgereg_rpc_requests_total", ("action", "QueryEdgeDriver"), ("code", "Throttling.User")) >= throttled);
        Assert.True(Delta("edgereg_rpc_throttled_total", ("action", "QueryEdgeDriver")) >= throttled);
        Assert.True(Delta("edgereg_rpc_duration_seconds_count", ("action", "QueryEdgeDriver")) >= 3 + throttled);
        Assert.True(Delta("edgereg_rpc_duration_seconds_bucket", ("action", "QueryEdgeDriver"), ("le", "+Inf")) >= 3 + throttled);
        Assert.True(Delta("edgereg_rpc_duration_seconds_sum", ("action", "QueryEdgeDriver")) > 0);
        Assert.True(Delta("edgereg_object_upload_bytes_total") >= bytes.Length);
        Assert.True(Delta("edgereg_object_download_bytes_total") >= bytes.Length);
        Assert.True(Delta("edgereg_read_cache_hits_total") >= 3, after.Text);    // QueryEdgeDriver twice, the version page once
        Assert.True(Delta("edgereg_read_cache_misses_total") >= 2, after.Text);
        Assert.True(after.Value("edgereg_read_cache_entries") >= 2, after.Text);
        Assert.True(after.Value("edgereg_read_cache_size_bytes") > 0, after.Text);
        Assert.Equal(64 * 1024 * 1024, after.Value("edgereg_read_cache_limit_bytes"));

        // The store's own calls, under the read cache, labelled with the engine.
        Assert.True(Delta(StoreCalls, ("operation", "DriverStore.CreateDriver"), ("engine", "sqlite")) >= 1, after.Text);
        Assert.True(Delta(StoreCalls, ("operation", "DriverStore.QueryDrivers"), ("engine", "sqlite")) >= 1, after.Text);
        Assert.True(Delta(StoreCalls, ("operation", "DriverStore.GetRevision"), ("engine", "sqlite")) >= 5, after.Text);   // every QueryEdgeDriver and version page, hit or miss
        Assert.True(Delta(StoreCalls, ("operation", "DriverStore.GetVersion"), ("engine", "sqlite")) >= 1, after.Text);
        Assert.True(Delta(StoreCalls, ("operation", "ObjectCatalog.CommitUpload"), ("engine", "sqlite")) >= 1, after.Text);
        Assert.True(Delta(StoreCalls, ("operation", "AccountStore.FindAccessKey"), ("engine", "sqlite")) >= 1, after.Text);   // the tenant's new key
        Assert.True(Delta("edgereg_store_operation_duration_seconds_bucket", ("operation", "DriverStore.CreateDriver"), ("le", "+Inf")) >= 1, after.Text);
        Assert.True(Delta("edgereg_store_operation_duration_seconds_sum", ("operation", "DriverStore.GetRevision")) > 0, after.Text);
        Assert.False(after.Has(StoreCalls, ("engine", "postgres")), after.Text);
        // A driver or version that does not exist is an answer of the store, not an error of it.
        Assert.Equal(0, after.Value("edgereg_store_errors_total"));

        // Accepted nonces are written together within a quarter of a second of the first one queued.
        var flushes = after;
        for (var wait = 0; wait < 50 && flushes.Value(StoreCalls, ("operation", "NonceStore.Flush"), ("engine", "sqlite")) == 0; wait++)
        {
            await Task.Delay(100);
            flushes = await PrometheusScrape.ReadAsync(server.Http);
        }

        Assert.True(flushes.Value(StoreCalls, ("operation", "NonceStore.Flush"), ("engine", "sqlite")) >= 1, flushes.Text);
    }

    [Fact]
    public async Task Scale_out_reports_its_mode_Redis_round_trips_and_PostgreSQL_commands()
    {
        await using var engine = await EngineServer.StartAsync("postgres");
        var server = engine.Server;
        var before = await PrometheusScrape.ReadAsync(server.Http);
        Assert.True(before.Has("edgereg_replica_info", ("mode", "scaleout")), before.Text);
        Assert.Equal(1, before.Value("edgereg_replica_info"));

        var driverId = await server.Client.CreateDriverAsync();
        RpcAssert.Success(await server.Client.QueryDriversAsync());
        var bytes = PackageCalls.RandomBytes(50_000);
        var address = await server.Client.UploadPackageAsync(driverId, "1.0.0", bytes);
        Assert.Equal(200, (await server.Client.GetObjectAsync(server.DownloadLink(address))).Status);

        var after = await PrometheusScrape.ReadAsync(server.Http);
        double Delta(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);
        Assert.True(Delta("edgereg_rpc_requests_total", ("action", "QueryEdgeDriver"), ("code", "Success")) >= 1);
        // Every signed call checks its nonce in Redis.
        Assert.True(Delta("edgereg_redis_duration_seconds_count") >= 3, after.Text);
        Assert.True(Delta("edgereg_object_upload_bytes_total") >= bytes.Length);
        Assert.True(Delta("edgereg_object_download_bytes_total") >= bytes.Length);
        Assert.Contains("db_client_", after.Text, StringComparison.Ordinal);
        // The same store series as the embedded mode's, labelled postgres.
        Assert.True(Delta(StoreCalls, ("operation", "DriverStore.CreateDriver"), ("engine", "postgres")) >= 1, after.Text);
        Assert.True(Delta(StoreCalls, ("operation", "DriverStore.QueryDrivers"), ("engine", "postgres")) >= 1, after.Text);
        Assert.True(Delta(StoreCalls, ("operation", "DriverStore.GetRevision"), ("engine", "postgres")) >= 1, after.Text);
        Assert.True(Delta(StoreCalls, ("operation", "ObjectCatalog.CommitUpload"), ("engine", "postgres")) >= 1, after.Text);
        Assert.True(Delta("edgereg_store_operation_duration_seconds_sum", ("operation", "DriverStore.CreateDriver"), ("engine", "postgres")) > 0, after.Text);
        Assert.False(after.Has(StoreCalls, ("engine", "sqlite")), after.Text);
        Assert.Equal(0, after.Value("edgereg_store_errors_total"));
    }

    private const string StoreCalls = "edgereg_store_operation_duration_seconds_count";
}
