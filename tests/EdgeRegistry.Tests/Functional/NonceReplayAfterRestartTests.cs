using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// Captured requests replayed byte for byte after the server restarted on the same data dir, still inside the
/// timestamp window: their nonces must have survived the restart.
/// </summary>
public sealed class NonceReplayAfterRestartTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_V1_create_and_a_V3_delete_replayed_after_a_restart_are_SignatureNonceUsed_and_change_nothing()
    {
        var client = _server.Client;
        var driverId = await client.CreateDriverAsync();
        await client.CreateVersionAsync(driverId, "1.0");
        var create = CapturedRequest.V1(client, "CreateEdgeDriverVersion",
            ("DriverId", driverId), ("DriverVersion", "2.0"), ("EdgeVersion", "2.4.0"), ("Description", "captured"));
        var delete = CapturedRequest.V3(client, "DeleteEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", "1.0"));
        RpcAssert.Success(await create.SendAsync(_server.BaseUri));
        RpcAssert.Success(await delete.SendAsync(_server.BaseUri));

        // Fresh requests undo both, so that an accepted replay would show: 2.0 gone again, 1.0 deleted again.
        RpcAssert.Success(await client.CallAsync("DeleteEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", "2.0")));
        await client.CreateVersionAsync(driverId, "1.0", ("Description", "recreated"));
        var before = await SnapshotAsync(driverId);

        await _server.StopAsync();
        await _server.StartAgainAsync();
        _server.Clock!.Advance(TimeSpan.FromMinutes(10));

        RpcAssert.GatewayError(await create.SendAsync(_server.BaseUri), 400, "SignatureNonceUsed");
        RpcAssert.GatewayError(await delete.SendAsync(_server.BaseUri), 400, "SignatureNonceUsed");
        Assert.Equal(before, await SnapshotAsync(driverId));
        Assert.Equal(["1.0"], await _server.Client.AllVersionsAsync(driverId));
    }

    private async Task<string> SnapshotAsync(string driverId) =>
        RpcAssert.Success(await _server.Client.QueryVersionsAsync(driverId, 1, 30)).Data.GetProperty("DriverVersionList").GetRawText();
}
