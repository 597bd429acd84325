using System.Text;
using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>A server started without a configured root key makes one, saves it 0600, and never stores the secret in clear.</summary>
public sealed class GeneratedRootKeyFixture : ServerFixture
{
    protected override TestServerOptions Options => new() { RootKeyFromConfiguration = false };
}

public sealed class GeneratedRootKeyTests(GeneratedRootKeyFixture fixture) : IClassFixture<GeneratedRootKeyFixture>
{
    private string CredentialsPath => Path.Combine(fixture.Server.DataDir, "root-credentials.json");

    private (string Id, string Secret) Credentials()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(CredentialsPath));
        return (json.RootElement.GetProperty("AccessKeyId").GetString()!, json.RootElement.GetProperty("AccessKeySecret").GetString()!);
    }

    [Fact]
    public void The_credentials_file_is_readable_by_its_owner_only_and_holds_an_Alibaba_shaped_pair()
    {
        Assert.True(File.Exists(CredentialsPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CredentialsPath));
        }

        var (id, secret) = Credentials();
        Assert.Matches("^LTAI[A-Za-z0-9]{20}$", id);
        Assert.Matches("^[A-Za-z0-9]{30}$", secret);
    }

    [Fact]
    public async Task The_generated_pair_signs_V1_and_V3_calls()
    {
        var (id, secret) = Credentials();
        var client = fixture.Server.ClientFor(id, secret);

        var driverId = await client.CreateDriverAsync();
        RpcAssert.Success(await client.V3Async("BatchGetEdgeDriver", [new("DriverIds.1", driverId)]));
        RpcAssert.Success(await client.V1Async("QueryEdgeDriver", Listings.OneDriverPage, new V1Options { Method = "GET", Format = null }));
    }

    [Fact]
    public async Task The_wrong_secret_for_the_generated_id_is_SignatureDoesNotMatch_and_testid_does_not_exist()
    {
        var (id, _) = Credentials();

        RpcAssert.GatewayError(await fixture.Server.ClientFor(id, "wrong-secret-wrong-secret-0000").CallAsync("QueryEdgeDriver",
            ("CurrentPage", "1"), ("PageSize", "1"), ("Type", "1")), 400, "SignatureDoesNotMatch");
        RpcAssert.GatewayError(await fixture.Client.QueryDriversAsync(1),
            404, "InvalidAccessKeyId.NotFound");
    }

    [Fact]
    public async Task The_secret_is_not_in_the_database_files_in_plain_text()
    {
        var (id, secret) = Credentials();
        await fixture.Server.ClientFor(id, secret).CreateDriverAsync();
        var files = new[] { "edgereg.db", "edgereg.db-wal", "edgereg.db-shm" }
            .Select(f => Path.Combine(fixture.Server.DataDir, f)).Where(File.Exists).ToList();

        Assert.Contains(files, f => f.EndsWith("edgereg.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        var idFound = false;
        foreach (var file in files)
        {
            // Read while the server holds the database open, as a copy of the data dir would be.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            var bytes = buffer.ToArray();
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)))));
            idFound |= bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)) >= 0;
        }

        // The search would have found text: the AccessKeyId, stored in clear, is there.
        Assert.True(idFound);
    }

    [Fact]
    public async Task A_restart_keeps_the_pair_and_does_not_make_another()
    {
        var before = File.ReadAllText(CredentialsPath);

        await fixture.Server.StopAsync();
        await fixture.Server.StartAgainAsync();

        Assert.Equal(before, File.ReadAllText(CredentialsPath));
        var (id, secret) = Credentials();
        await fixture.Server.ClientFor(id, secret).CreateDriverAsync();
    }
}

/// <summary><c>EdgeRegistry:InMemory=true</c>: the same API, no files, nothing kept across a restart.</summary>
public sealed class InMemoryServerFixture : ServerFixture
{
    protected override TestServerOptions Options => new() { InMemory = true };
}

public sealed class InMemoryServerTests(InMemoryServerFixture fixture) : IClassFixture<InMemoryServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    [Fact]
    public async Task The_operations_work_in_memory()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0", ("Description", "mem"));
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await _client.CreateVersionAsync(id, "2.0");
        await _client.ReleaseAsync(id, "1.0");
        RpcAssert.Success(await _client.CallAsync("UpdateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", "2.0"), ("EdgeVersion", "2.5.0")));

        Assert.Equal(["2.0", "1.0"], await _client.AllVersionsAsync(id));
        Assert.Equal("1", (await _client.FindVersionAsync(id, "1.0")).GetProperty("VersionState").GetString());
        RpcAssert.BusinessError(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", id)), "iot.edge.DriverHasPublishedVersion");
        Assert.Equal([id], RpcAssert.Success(await _client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id))).Root.GetProperty("DriverList")
            .EnumerateArray().Select(d => d.GetProperty("DriverId").GetString()));
    }

    [Fact]
    public async Task Nothing_is_written_to_the_data_dir()
    {
        await _client.CreateDriverAsync();

        Assert.False(File.Exists(Path.Combine(fixture.Server.DataDir, "edgereg.db")));
        Assert.False(File.Exists(Path.Combine(fixture.Server.DataDir, "root-credentials.json")));
        Assert.False(File.Exists(Path.Combine(fixture.Server.DataDir, "master.key")));
    }

    [Fact]
    public async Task The_health_endpoints_answer_200()
    {
        using var ready = await fixture.Server.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(200, (int)ready.StatusCode);
    }
}
