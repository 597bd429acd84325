using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// The data dir holds every tenant's packages and the master key: it and everything in it are the owner's only.
/// Before, edgereg.db, its WAL and the blob files were made 0644 under the default umask.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirModeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const UnixFileMode Group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;
    private const UnixFileMode Other = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task Nothing_in_the_data_dir_is_open_to_group_or_others()
    {
        var client = fixture.Client;
        var id = await client.CreateDriverAsync();
        var address = await client.UploadPackageAsync(id, "1.0");
        await client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(address)));

        var dir = fixture.Server.DataDir;
        var entries = Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Prepend(dir).ToArray();
        Assert.Contains(entries, e => e.EndsWith("edgereg.db-wal", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("blobs", StringComparison.Ordinal) && File.Exists(e));
        Assert.All(entries, e => Assert.True((File.GetUnixFileMode(e) & (Group | Other)) == 0, $"{e} is {File.GetUnixFileMode(e)}"));
    }
}
