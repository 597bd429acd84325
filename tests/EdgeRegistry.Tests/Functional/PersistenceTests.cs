using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>A server stopped and started again on the same data dir finds everything where it was.</summary>
public sealed class PersistenceTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Snapshot(RpcResponse response) => RpcAssert.Success(response).Data.GetProperty("DriverVersionList").GetRawText();

    [Fact]
    public async Task Drivers_versions_and_the_root_key_survive_a_restart()
    {
        var client = _server.Client;
        var name = DriverCalls.UniqueName("keep");
        var id = await client.CreateDriverAsync(name, "opc-ua", "java8", ("CpuArch", "aarch64"), ("IsBuiltIn", "true"));
        var doomed = await client.CreateDriverAsync();
        await client.CreateVersionAsync(id, "1.0", ("Description", "中文 😀"), ("ContainerConfig", "{\"privileged\":1,\"x\":[1]}"));
        _server.Clock!.Advance(TimeSpan.FromSeconds(1));
        await client.CreateVersionAsync(id, "2.0");
        await client.ReleaseAsync(id, "1.0");
        RpcAssert.Success(await client.CallAsync("DeleteEdgeDriver", ("DriverId", doomed)));
        var driversBefore = RpcAssert.Success(await client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id))).Root.GetProperty("DriverList").GetRawText();
        var versionsBefore = Snapshot(await client.QueryVersionsAsync(id, 1, 30));
        var totalBefore = Total(await client.QueryDriversAsync(1));

        await _server.StopAsync();
        await _server.StartAgainAsync();
        client = _server.Client;

        Assert.Equal(driversBefore, RpcAssert.Success(await client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id))).Root.GetProperty("DriverList").GetRawText());
        Assert.Equal(versionsBefore, Snapshot(await client.QueryVersionsAsync(id, 1, 30)));
        Assert.Equal(totalBefore, Total(await client.QueryDriversAsync(1)));
        Assert.Equal(1, Total(await client.QueryVersionsAsync(id, 1, 30, ("VersionState", "1"))));
        RpcAssert.BusinessError(await client.CallAsync("CreateEdgeDriver", ("DriverName", name), ("DriverProtocol", "modbus"), ("Runtime", "c")), "iot.edge.DriverNameExist");
        RpcAssert.BusinessError(await client.CallAsync("DeleteEdgeDriver", ("DriverId", id)), "iot.edge.DriverHasPublishedVersion");
        RpcAssert.BusinessError(await client.QueryVersionsAsync(doomed, 1, 30), "iot.edge.DriverNotExist");

        // The store keeps working: newest first continues after the restart.
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        await client.CreateVersionAsync(id, "3.0");
        Assert.Equal(["3.0", "2.0", "1.0"], await client.AllVersionsAsync(id));
        RpcAssert.Success(await client.V3Async("QueryEdgeDriver", Listings.OneDriverPage));
    }

    [Fact]
    public async Task The_data_dir_holds_the_database_and_no_credentials_file_when_the_key_is_configured()
    {
        await _server.Client.CreateDriverAsync();

        Assert.True(File.Exists(Path.Combine(_server.DataDir, "edgereg.db")));
        Assert.False(File.Exists(Path.Combine(_server.DataDir, "root-credentials.json")));
        var masterKey = Path.Combine(_server.DataDir, "master.key");
        Assert.True(File.Exists(masterKey));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(masterKey));
        }

        await _server.StopAsync();
        await _server.StartAgainAsync();
        Assert.False(File.Exists(Path.Combine(_server.DataDir, "root-credentials.json")));
    }

    [Fact]
    public async Task The_configured_secret_is_not_stored_in_plain_text()
    {
        await _server.Client.CreateDriverAsync();
        await _server.StopAsync();

        foreach (var file in Directory.GetFiles(_server.DataDir))
        {
            var text = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain(TestServer.AccessKeySecret, text, StringComparison.Ordinal);
        }

        await _server.StartAgainAsync();
    }
}

/// <summary>Health endpoints: plain 200s once the store is migrated.</summary>
public sealed class HealthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200_Healthy(string path)
    {
        using var response = await fixture.Server.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_endpoints_need_no_signature_and_are_not_RPC()
    {
        using var response = await fixture.Server.Http.GetAsync(new Uri("/health/ready?Action=Foo", UriKind.Relative));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("x-acs-request-id"));
    }

    [Fact]
    public async Task Health_answers_are_not_affected_by_the_fake_clock()
    {
        fixture.Clock.Advance(TimeSpan.FromDays(400));
        using var response = await fixture.Server.Http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(200, (int)response.StatusCode);
        RpcAssert.Success(await fixture.Client.QueryDriversAsync(1));
    }
}
