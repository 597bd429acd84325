using EdgeRegistry.Admin;
using EdgeRegistry.Hosting;

namespace EdgeRegistry.Cli.Backup;

/// <summary>
/// What an embedded data dir and a backup of it hold, by name. A backup is a folder laid out like a data dir
/// (<c>edgereg.db</c>, <c>blobs/ab/abcd…</c>, the secret files) plus <c>backup.json</c>, written last: a folder
/// without it is an interrupted backup, and restore refuses it.
/// </summary>
public static class BackupLayout
{
    public const string Database = "edgereg.db";
    public const string Blobs = "blobs";
    public const string Manifest = "backup.json";

    /// <summary>Files of the data dir a restored server needs besides the database: without master.key no secret opens.</summary>
    public static readonly string[] SecretFiles = [MasterKey.FileName, AdminToken.FileName, RootAccountBootstrap.CredentialsFile];

    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string BlobPath(string root, string blobId) => Path.Combine(root, Blobs, blobId[..2], blobId);

    /// <summary>Creates the folder owner-only (0700), or makes an existing one so.</summary>
    public static void CreateOwnerOnlyFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerOnlyFolder);
        File.SetUnixFileMode(path, OwnerOnlyFolder);
    }

    /// <summary>True when the folder is missing or has nothing in it: the only places a backup or a restore writes into.</summary>
    public static bool IsMissingOrEmpty(string path) =>
        !File.Exists(path) && (!Directory.Exists(path) || !Directory.EnumerateFileSystemEntries(path).Any());
}

/// <summary>What <c>backup.json</c> records; the counts are those of the snapshot, for the operator and for restore to check.</summary>
public sealed record BackupManifest(
    int Format,
    DateTimeOffset CreatedUtc,
    string SourceDataDir,
    long SchemaVersion,
    long Drivers,
    long Versions,
    long PackageFiles,
    long PackageBytes,
    IReadOnlyList<string> SecretFiles);

/// <summary>A backup or restore that cannot be done as asked; <see cref="ExitCode"/> is the process exit code.</summary>
public sealed class BackupException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
