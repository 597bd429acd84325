using System.Diagnostics;
using System.Text.Json;
using static EdgeRegistry.Cli.Backup.BackupLayout;

namespace EdgeRegistry.Cli.Backup;

public sealed record RestoreResult(BackupManifest Manifest, TimeSpan Elapsed);

/// <summary>
/// Brings a backup back into an empty data dir: the database (after SQLite's integrity check), every package file it
/// names — each copied and checked against the SHA-256 and length its upload recorded — and the secret files, all
/// owner-only and fsynced. Any mismatch stops the restore and leaves the data dir empty again: a server never starts
/// on half a backup.
/// </summary>
public static class DataDirRestore
{
    public static async Task<RestoreResult> RestoreAsync(string backup, string dataDir, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var from = Path.GetFullPath(backup);
        var manifestPath = Path.Combine(from, Manifest);
        if (!File.Exists(manifestPath) || !File.Exists(Path.Combine(from, Database)))
        {
            throw new BackupException(ExitCodes.NotFound, $"{from} is not a complete EdgeRegistry backup (it has no {Manifest} or no {Database}).");
        }

        var manifest = ReadManifest(manifestPath);
        var target = Path.GetFullPath(dataDir);
        if (!IsMissingOrEmpty(target))
        {
            throw new BackupException(ExitCodes.Conflict, $"{target} exists and is not empty: restore only into a new or empty data dir.");
        }

        CreateOwnerOnlyFolder(target);
        try
        {
            SnapshotDatabase.Check(Path.Combine(from, Database));
            var (described, blobs) = SnapshotDatabase.Describe(Path.Combine(from, Database));
            if (described.PackageFiles != manifest.PackageFiles || described.Versions != manifest.Versions || described.Drivers != manifest.Drivers)
            {
                throw new BackupException(ExitCodes.Failed, $"{from}: the database does not hold what {Manifest} records: the backup is damaged.");
            }

            foreach (var blob in blobs)
            {
                var source = BlobPath(from, blob.BlobId);
                if (!File.Exists(source))
                {
                    throw new BackupException(ExitCodes.Failed, $"The package file {blob.BlobId} (object {blob.ObjectKey}) is missing from the backup: it is damaged.");
                }

                var to = BlobPath(target, blob.BlobId);
                CreateOwnerOnlyFolder(Path.GetDirectoryName(to)!);
                var (sha, length) = await FileCopy.CopyDurablyAsync(source, to, cancellationToken);
                blob.Verify(sha, length, "the backup");
            }

            await FileCopy.CopyDurablyAsync(Path.Combine(from, Database), Path.Combine(target, Database), cancellationToken);
            foreach (var name in manifest.SecretFiles.Where(SecretFiles.Contains))
            {
                await FileCopy.CopyDurablyAsync(Path.Combine(from, name), Path.Combine(target, name), cancellationToken);
            }

            FlushTree(target);
            return new RestoreResult(manifest, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            DataDirBackup.Clear(target);
            throw;
        }
    }

    private static BackupManifest ReadManifest(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), BackupJson.Options)
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new BackupException(ExitCodes.Failed, $"{path} is not a backup manifest: {e.Message}");
        }
    }

    private static void FlushTree(string root)
    {
        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            FileCopy.FlushFolder(folder);
        }

        FileCopy.FlushFolder(root);
    }
}
