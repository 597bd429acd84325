using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static EdgeRegistry.Cli.Backup.BackupLayout;

namespace EdgeRegistry.Cli.Backup;

/// <summary>What a backup took, and how long the server's writes waited for it.</summary>
public sealed record BackupResult(BackupManifest Manifest, TimeSpan Elapsed, TimeSpan WritesPaused, bool PackageFilesLinked);

/// <summary>
/// A consistent snapshot of an embedded data dir, taken while a server serves from it. SQLite's online backup copies
/// the database while this process holds the database's write lock (<c>BEGIN IMMEDIATE</c>): nothing commits until
/// every package file the snapshot names has been hard-linked, so no later delete (a replaced upload, a deleted
/// driver, the orphan sweep, all of which commit before they remove a file) can take a file the snapshot needs.
/// Reads go on meanwhile; writes wait (the server's busy timeout is 30 s), and the pause is reported. Where hard links
/// cannot reach the output (another filesystem), the files are linked into a staging folder inside the data dir
/// instead and copied out after the lock is released, so the pause never includes copying package bytes.
/// </summary>
public static class DataDirBackup
{
    public static async Task<BackupResult> CreateAsync(string dataDir, string output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var source = Path.GetFullPath(dataDir);
        var sourceDb = Path.Combine(source, Database);
        if (!File.Exists(sourceDb))
        {
            throw new BackupException(ExitCodes.NotFound,
                $"{source} holds no {Database}: not an embedded data dir (a scale-out deployment keeps everything in PostgreSQL: back it up with pg_dump).");
        }

        var target = Path.GetFullPath(output);
        if (!IsMissingOrEmpty(target))
        {
            throw new BackupException(ExitCodes.Conflict, $"{target} exists and is not empty: a backup goes into a new or empty folder.");
        }

        if ((target + Path.DirectorySeparatorChar).StartsWith(source + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new BackupException(ExitCodes.BadUsage, $"{target} is inside the data dir {source}: put the backup somewhere else.");
        }

        CreateOwnerOnlyFolder(target);
        var staging = Path.Combine(source, $"backup-staging-{Guid.NewGuid():N}");
        try
        {
            var snapshot = await SnapshotAsync(source, target, staging, cancellationToken);
            // After the lock is released: the check reads the whole copy, and the server's writes need not wait for it.
            SnapshotDatabase.Check(Path.Combine(target, Database));
            if (Directory.Exists(staging))
            {
                await CopyOutOfStagingAsync(staging, target, snapshot.Blobs, cancellationToken);
            }

            var secrets = new List<string>();
            foreach (var name in SecretFiles.Where(n => File.Exists(Path.Combine(source, n))))
            {
                await FileCopy.CopyDurablyAsync(Path.Combine(source, name), Path.Combine(target, name), cancellationToken);
                secrets.Add(name);
            }

            var manifest = snapshot.Manifest with { CreatedUtc = DateTimeOffset.UtcNow, SourceDataDir = source, SecretFiles = secrets };
            FlushAll(target);
            WriteManifest(target, manifest);
            return new BackupResult(manifest, Stopwatch.GetElapsedTime(started), snapshot.Paused, !Directory.Exists(staging) && snapshot.Linked);
        }
        catch
        {
            Clear(target);
            throw;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private sealed record Snapshot(BackupManifest Manifest, IReadOnlyList<BlobRow> Blobs, TimeSpan Paused, bool Linked);

    private static async Task<Snapshot> SnapshotAsync(string source, string target, string staging, CancellationToken cancellationToken)
    {
        var sourceDb = Path.Combine(source, Database);
        using var writeLock = SnapshotDatabase.Open(sourceDb, SqliteOpenMode.ReadWrite);
        SnapshotDatabase.Execute(writeLock, "BEGIN IMMEDIATE;");
        var pausedAt = Stopwatch.GetTimestamp();
        try
        {
            using (var reader = SnapshotDatabase.Open(sourceDb, SqliteOpenMode.ReadWrite))
            using (var copy = SnapshotDatabase.Open(Path.Combine(target, Database), SqliteOpenMode.ReadWriteCreate))
            {
                reader.BackupDatabase(copy);
                // A self-contained file: no -wal beside it to lose when the folder is copied elsewhere.
                SnapshotDatabase.Execute(copy, "PRAGMA journal_mode=DELETE;");
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(target, Database), OwnerOnlyFile);
            }

            var (manifest, blobs) = SnapshotDatabase.Describe(Path.Combine(target, Database));
            var linked = await LinkBlobsAsync(source, target, staging, blobs, cancellationToken);
            return new Snapshot(manifest, blobs, Stopwatch.GetElapsedTime(pausedAt), linked);
        }
        finally
        {
            SnapshotDatabase.Execute(writeLock, "ROLLBACK;");
        }
    }

    /// <summary>Links every package file the snapshot names (into the output, else into staging, else copies them); true when all were linked.</summary>
    private static async Task<bool> LinkBlobsAsync(string source, string target, string staging, IReadOnlyList<BlobRow> blobs, CancellationToken cancellationToken)
    {
        var linkInto = target;
        var linked = true;
        foreach (var blob in blobs)
        {
            var from = BlobPath(source, blob.BlobId);
            var result = Link(from, linkInto, blob.BlobId);
            if (result == FileCopy.LinkResult.CrossDevice && linkInto == target)
            {
                CreateOwnerOnlyFolder(staging);
                linkInto = staging;
                result = Link(from, linkInto, blob.BlobId);
            }

            if (result == FileCopy.LinkResult.CrossDevice)
            {
                linked = false;
                await FileCopy.CopyDurablyAsync(from, BlobPath(linkInto, blob.BlobId), cancellationToken);
            }
            else if (result == FileCopy.LinkResult.SourceMissing)
            {
                throw new BackupException(ExitCodes.Failed,
                    $"The package file {blob.BlobId} (object {blob.ObjectKey}) is missing from {Path.Combine(source, Blobs)}: the data dir is damaged, no backup was made.");
            }
        }

        return linked;
    }

    private static FileCopy.LinkResult Link(string from, string root, string blobId)
    {
        var to = BlobPath(root, blobId);
        CreateOwnerOnlyFolder(Path.GetDirectoryName(to)!);
        return FileCopy.TryLink(from, to);
    }

    /// <summary>Copies the staged links out (verifying each against the snapshot's digest); the staging folder is removed by the caller.</summary>
    private static async Task CopyOutOfStagingAsync(string staging, string target, IReadOnlyList<BlobRow> blobs, CancellationToken cancellationToken)
    {
        foreach (var blob in blobs)
        {
            var staged = BlobPath(staging, blob.BlobId);
            if (!File.Exists(staged))
            {
                continue; // copied straight into the output under the lock
            }

            var to = BlobPath(target, blob.BlobId);
            CreateOwnerOnlyFolder(Path.GetDirectoryName(to)!);
            var (sha, length) = await FileCopy.CopyDurablyAsync(staged, to, cancellationToken);
            blob.Verify(sha, length, "the data dir");
        }
    }

    private static void FlushAll(string target)
    {
        var blobs = Path.Combine(target, Blobs);
        if (Directory.Exists(blobs))
        {
            foreach (var folder in Directory.EnumerateDirectories(blobs))
            {
                FileCopy.FlushFolder(folder);
            }

            FileCopy.FlushFolder(blobs);
        }

        FileCopy.FlushFolder(target);
    }

    private static void WriteManifest(string target, BackupManifest manifest)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using (var stream = new FileStream(Path.Combine(target, Manifest), options))
        {
            JsonSerializer.Serialize(stream, manifest, BackupJson.Options);
            stream.Flush(flushToDisk: true);
        }

        FileCopy.FlushFolder(target);
    }

    /// <summary>Removes what a failed backup or restore wrote, leaving the (empty) folder.</summary>
    internal static void Clear(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }
}

public static class BackupJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
