using EdgeRegistry.Tests.Cli;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Durability;

/// <summary>
/// README "Backup and restore": what backup and restore refuse (a non-empty target, a damaged backup, a folder
/// that is not a data dir) and that what they write is readable by its owner only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BackupRefusalTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("edgereg-backup-refusal-").FullName;
    private TestServer _server = null!;

    private string Backup => Path.Combine(_work, "backup");

    private string Target => Path.Combine(_work, "restored");

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        var driverId = await _server.Client.CreateDriverAsync();
        var address = await _server.Client.UploadPackageAsync(driverId, "1.0", PackageCalls.RandomBytes(5000));
        await _server.Client.CreateVersionAsync(driverId, "1.0", ("SourceConfig", PackageCalls.SourceConfig(address)));
        var backup = await AdminCli.RunAsync(["backup", "--data-dir", _server.DataDir, Backup]);
        Assert.True(backup.ExitCode == 0, backup.Error);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Restore_refuses_a_data_dir_that_is_not_empty_with_the_conflict_code()
    {
        Directory.CreateDirectory(Target);
        await File.WriteAllTextAsync(Path.Combine(Target, "keep.txt"), "mine");

        var run = await AdminCli.RunAsync(["restore", Backup, "--data-dir", Target]);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("is not empty", run.Error, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(Target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Backup_refuses_an_output_folder_that_is_not_empty_and_a_folder_without_a_database()
    {
        var again = await AdminCli.RunAsync(["backup", "--data-dir", _server.DataDir, Backup]);
        Assert.Equal(4, again.ExitCode);

        var nothing = await AdminCli.RunAsync(["backup", "--data-dir", Path.Combine(_work, "nowhere"), Path.Combine(_work, "out")]);
        Assert.Equal(3, nothing.ExitCode);
        Assert.Contains("holds no edgereg.db", nothing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_file_changed_in_the_backup_fails_the_restore_and_leaves_nothing_behind()
    {
        var blob = Directory.EnumerateFiles(Path.Combine(Backup, "blobs"), "*", SearchOption.AllDirectories).Single();
        // A copy, not the hard link's shared bytes: the source server's file must stay intact.
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[100] ^= 0xff;
        File.Delete(blob);
        await File.WriteAllBytesAsync(blob, bytes);

        var run = await AdminCli.RunAsync(["restore", Backup, "--data-dir", Target]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not match its recorded digest", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Target));
    }

    [Fact]
    public async Task A_backup_onto_another_filesystem_copies_the_package_files_and_leaves_no_staging_behind()
    {
        using var other = SmallFilesystem.Mount(16);
        var output = Path.Combine(other.Path, "backup");

        var backup = await AdminCli.RunAsync(["backup", "--data-dir", _server.DataDir, output]);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("copied", backup.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateDirectories(_server.DataDir), d => Path.GetFileName(d).StartsWith("backup-staging-", StringComparison.Ordinal));
        var restore = await AdminCli.RunAsync(["restore", output, "--data-dir", Target]);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Equal(
            Directory.EnumerateFiles(Path.Combine(Backup, "blobs"), "*", SearchOption.AllDirectories).Select(f => (Path.GetFileName(f), Convert.ToHexString(File.ReadAllBytes(f)))),
            Directory.EnumerateFiles(Path.Combine(Target, "blobs"), "*", SearchOption.AllDirectories).Select(f => (Path.GetFileName(f), Convert.ToHexString(File.ReadAllBytes(f)))));
    }

    [Fact]
    public async Task A_missing_manifest_is_not_a_backup()
    {
        File.Delete(Path.Combine(Backup, "backup.json"));

        var run = await AdminCli.RunAsync(["restore", Backup, "--data-dir", Target]);

        Assert.Equal(3, run.ExitCode);
        Assert.False(Directory.Exists(Target));
    }

    [Fact]
    public async Task Backup_and_restore_write_owner_only_folders_and_files_with_the_master_key()
    {
        var restore = await AdminCli.RunAsync(["restore", Backup, "--data-dir", Target]);
        Assert.True(restore.ExitCode == 0, restore.Error);

        foreach (var root in new[] { Backup, Target })
        {
            Assert.True(File.Exists(Path.Combine(root, "master.key")), $"{root} has no master.key");
            foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Append(root))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            }

            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }
}
