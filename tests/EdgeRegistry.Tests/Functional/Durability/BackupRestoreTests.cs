using System.Collections.Concurrent;
using EdgeRegistry.Tests.Cli;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Durability;

/// <summary>
/// README "Backup and restore": <c>edgereg backup</c> of a data dir a server is writing to, restored with
/// <c>edgereg restore</c> into an empty one, gives a server whose every driver, version and package is complete,
/// matches the source's, and includes every write acknowledged before the backup started.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _backup = Path.Combine(Path.GetTempPath(), "edgereg-backup-" + Guid.NewGuid().ToString("N"));
    private TestServer _source = null!;
    private TestServer _restored = null!;

    public async Task InitializeAsync()
    {
        _source = await TestServer.StartAsync(new TestServerOptions { FakeClock = false });
        _restored = await TestServer.StartAsync(new TestServerOptions { FakeClock = false });
        await _restored.StopAsync();
        Directory.Delete(_restored.DataDir, recursive: true);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _restored.DisposeAsync();
        if (Directory.Exists(_backup))
        {
            Directory.Delete(_backup, recursive: true);
        }
    }

    /// <summary>What the writer was told succeeded: version → SHA-256 of the package it names.</summary>
    private sealed class Acknowledged
    {
        public ConcurrentDictionary<(string DriverId, string Version), string> Versions { get; } = new();

        public ConcurrentDictionary<string, bool> Drivers { get; } = new(StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_backup_taken_under_writes_and_uploads_restores_complete_and_consistent()
    {
        var acknowledged = new Acknowledged();
        using var stop = new CancellationTokenSource();
        // Two writers: drivers, versions, and packages uploaded twice (the second upload replaces the first, whose
        // file the server then deletes: the delete a snapshot must not lose a file to).
        var writers = Enumerable.Range(0, 2).Select(w => WriteUntilAsync(_source.Client, w, acknowledged, stop.Token)).ToList();
        while (acknowledged.Versions.Count < 12)
        {
            await Task.Delay(20);
        }

        var before = acknowledged.Versions.ToDictionary(e => e.Key, e => e.Value);
        var driversBefore = acknowledged.Drivers.Keys.ToList();
        var backup = await AdminCli.RunAsync(["backup", "--data-dir", _source.DataDir, _backup]);
        // Writes acknowledged after the backup, so the source has more than the backup (however slow the machine).
        var afterBackup = acknowledged.Versions.Count;
        for (var waited = 0; acknowledged.Versions.Count < afterBackup + 2 && waited < 600; waited++)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("Backed up", backup.Out, StringComparison.Ordinal);

        var restore = await AdminCli.RunAsync(["restore", _backup, "--data-dir", _restored.DataDir]);
        Assert.True(restore.ExitCode == 0, restore.Error);
        await _restored.StartAgainAsync();

        var restored = await RegistryState.ReadAsync(_restored.Client);
        var source = await RegistryState.ReadAsync(_source.Client);

        // Every write acknowledged before the backup started is there, with its package.
        Assert.All(driversBefore, d => Assert.True(restored.Drivers.ContainsKey(d), $"driver {d} acknowledged before the backup is missing"));
        foreach (var (key, sha) in before)
        {
            Assert.True(restored.PackageSha256.TryGetValue(key, out var restoredSha), $"version {key} acknowledged before the backup is missing");
            Assert.Equal(sha, restoredSha);
        }

        // Everything in the backup is complete and is what the source holds (the writers only add, never change).
        Assert.True(restored.Versions.Count >= before.Count);
        Assert.True(source.Versions.Count > restored.Versions.Count, "the writers kept writing after the backup");
        foreach (var (id, driver) in restored.Drivers)
        {
            Assert.Equal(source.Drivers[id], driver);
        }

        foreach (var (key, version) in restored.Versions)
        {
            Assert.Equal(source.Versions[key], version);
            Assert.Equal(source.PackageSha256[key], restored.PackageSha256[key]);
            Assert.Equal(acknowledged.Versions[key], restored.PackageSha256[key]);
        }
    }

    private static async Task WriteUntilAsync(RpcTestClient client, int writer, Acknowledged acknowledged, CancellationToken stop)
    {
        string? driverId = null;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            if (i % 4 == 0)
            {
                driverId = await client.CreateDriverAsync(DriverCalls.UniqueName($"bk{writer}"));
                acknowledged.Drivers[driverId] = true;
            }

            var version = $"1.{i}";
            var presigned = await client.PresignAsync(driverId!, version);
            Assert.Equal(200, (await client.PutAsync(presigned.PresignedUrl, PackageCalls.RandomBytes(3000))).Status);
            var bytes = PackageCalls.RandomBytes(2000 + i);
            Assert.Equal(200, (await client.PutAsync(presigned.PresignedUrl, bytes)).Status);
            await client.CreateVersionAsync(driverId!, version, ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));
            acknowledged.Versions[(driverId!, version)] = PackageCalls.Sha256Hex(bytes);
        }
    }
}
