using EdgeRegistry.Cli;
using EdgeRegistry.Tests.Cli;
using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.Tests.Storage.Postgres;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Tests.Migration;

/// <summary>
/// <c>edgereg migrate</c> end to end: an embedded installation built through the real server, stopped, migrated by
/// the real command into a fresh schema of the test PostgreSQL, then a scale-out server started on it with the
/// installation's master key must answer every principal exactly as the embedded server did.
/// </summary>
public sealed class MigrateTests : IAsyncLifetime
{
    private PostgresSchema _schema = null!;
    private TestServer _embedded = null!;

    private static string Redis => Environment.GetEnvironmentVariable("EDGEREG_TEST_REDIS") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("EDGEREG_TEST_REDIS is not set: run ./test.sh, or tests/engines/start.sh and export what it prints.");

    public async Task InitializeAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        _embedded = await TestServer.StartAsync(new TestServerOptions { FakeClock = false });
    }

    public async Task DisposeAsync()
    {
        await _embedded.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task A_migrated_installation_answers_every_principal_as_before_and_a_second_migrate_is_refused()
    {
        var installation = await EmbeddedInstallation.BuildAsync(_embedded);
        var before = await installation.SnapshotAsync(_embedded);
        Assert.True(before.Count(l => l.Contains(" package ", StringComparison.Ordinal) && !l.EndsWith(" package none", StringComparison.Ordinal)) >= 3,
            "the snapshot must include downloaded package digests");
        await _embedded.StopAsync();

        var run = await MigrateAsync();
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Out + run.Error);
        Assert.Matches(@"driver_versions\s+38 rows", run.Out);
        Assert.Contains("packages                  4 blobs", run.Out, StringComparison.Ordinal);
        Assert.Contains("EDGEREG_MASTER_KEY", run.Out, StringComparison.Ordinal);

        await using var scaleOut = await TestServer.StartAsync(new TestServerOptions
        {
            FakeClock = false,
            Settings = new Dictionary<string, string?>
            {
                ["EdgeRegistry:Postgres"] = _schema.ConnectionString,
                ["EdgeRegistry:Redis"] = Redis,
                ["EdgeRegistry:MasterKey"] = MasterKeyOf(_embedded),
            },
        });
        Assert.Equal(before, await installation.SnapshotAsync(scaleOut));
        Assert.Empty(scaleOut.BlobFiles());

        // A link the embedded server signed still opens on the replica: the link key moved with the data.
        var oldLink = new UriBuilder(installation.EmbeddedLink) { Host = scaleOut.BaseUri.Host, Port = scaleOut.BaseUri.Port }.Uri.ToString();
        var download = await scaleOut.Client.GetObjectAsync(oldLink);
        Assert.Equal(200, download.Status);
        Assert.Equal(installation.LinkedBytes, download.Body);

        // New rows get new keys after the copied ones, and the RAM user's key still signs writes.
        var ram = scaleOut.ClientFor(installation.RamUser);
        var driver = await ram.CreateDriverAsync("epsilon", more: ("IotInstanceId", installation.InstanceId));
        await ram.CreateVersionAsync(driver, "1.0.0", ("IotInstanceId", installation.InstanceId));

        var again = await MigrateAsync();
        Assert.Equal(ExitCodes.Conflict, again.ExitCode);
        Assert.Contains("not empty", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupted_package_file_fails_the_migration_naming_it_and_leaves_the_target_empty()
    {
        var client = _embedded.Client;
        var driverId = await client.CreateDriverAsync();
        var address = await client.UploadPackageAsync(driverId, "1.0.0", PackageCalls.RandomBytes(300_000));
        await client.CreateVersionAsync(driverId, "1.0.0", ("SourceConfig", PackageCalls.SourceConfig(address)));
        await _embedded.StopAsync();
        var blob = Assert.Single(_embedded.BlobFiles());
        await using (var file = File.Open(blob, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 123_456;
            var b = file.ReadByte();
            file.Position = 123_456;
            file.WriteByte((byte)(b ^ 0xff));
        }

        var run = await MigrateAsync();
        Assert.True(run.ExitCode == ExitCodes.Failed, run.Out + run.Error);
        Assert.Contains(Path.GetFileName(blob), run.Error, StringComparison.Ordinal);
        Assert.Contains("SHA-256", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _schema.ScalarAsync("SELECT count(*) FROM accounts"));
        Assert.Equal(0, await _schema.ScalarAsync("SELECT count(*) FROM blob_chunks"));

        // Once the file is repaired the same migration succeeds: the failed one committed nothing.
        await using (var file = File.Open(blob, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 123_456;
            var b = file.ReadByte();
            file.Position = 123_456;
            file.WriteByte((byte)(b ^ 0xff));
        }

        Assert.Equal(ExitCodes.Ok, (await MigrateAsync()).ExitCode);
        Assert.Equal(1, await _schema.ScalarAsync("SELECT count(*) FROM driver_versions"));
    }

    [Fact]
    public async Task A_database_another_process_is_writing_is_refused()
    {
        await _embedded.StopAsync();
        await using var writer = new SqliteConnection($"Data Source={Path.Combine(_embedded.DataDir, "edgereg.db")};Pooling=False");
        await writer.OpenAsync();
        await using var transaction = (SqliteTransaction)await writer.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        await using (var command = writer.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO server_settings (name, value) VALUES ('busy', 'yes')";
            await command.ExecuteNonQueryAsync();
        }

        var run = await MigrateAsync();
        Assert.Equal(ExitCodes.Conflict, run.ExitCode);
        Assert.Contains("stop it", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_dir_without_an_installation_is_refused_before_anything_is_written()
    {
        await _embedded.StopAsync();
        var run = await AdminCli.RunAsync(["migrate", "--data-dir", Path.Combine(_embedded.DataDir, "nothing"), "--postgres", _schema.ConnectionString, "--redis", Redis]);
        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }

    private Task<CliRun> MigrateAsync() =>
        AdminCli.RunAsync(["migrate", "--data-dir", _embedded.DataDir, "--postgres", _schema.ConnectionString, "--redis", Redis]);

    private static string MasterKeyOf(TestServer server) => File.ReadAllText(Path.Combine(server.DataDir, "master.key")).Trim();
}
