using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace EdgeRegistry.Cli.Backup;

/// <summary>File operations of backup and restore: hard links, durable owner-only copies, and hashing copies.</summary>
public static partial class FileCopy
{
    private const int CrossDevice = 18; // EXDEV

    public enum LinkResult
    {
        Linked,
        SourceMissing,
        CrossDevice,
    }

    /// <summary>
    /// A hard link: no bytes copied, and the link keeps the file's bytes even after the server deletes its own name
    /// for it (package files are immutable, so sharing them is safe). Other failures (no hard links on this
    /// filesystem or platform) are reported as <see cref="LinkResult.CrossDevice"/>: the caller copies instead.
    /// </summary>
    public static LinkResult TryLink(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(source) ? LinkResult.CrossDevice : LinkResult.SourceMissing;
        }

        if (Link(source, destination) == 0)
        {
            return LinkResult.Linked;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == 2 /* ENOENT */)
        {
            return File.Exists(source) ? throw new IOException($"Cannot link {source} to {destination}: a folder is missing.") : LinkResult.SourceMissing;
        }

        return errno == CrossDevice || errno == 1 /* EPERM */ || errno == 95 /* EOPNOTSUPP */
            ? LinkResult.CrossDevice
            : throw new IOException($"Cannot link {source} to {destination} (errno {errno}).");
    }

    /// <summary>Copies a file into a new owner-only file (0600) and fsyncs it; returns the SHA-256 (hex) and length of what was copied.</summary>
    public static async Task<(string Sha256Hex, long Length)> CopyDurablyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = BackupLayout.OwnerOnlyFile;
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
        await using (var output = new FileStream(destination, options))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                length += read;
            }

            output.Flush(flushToDisk: true);
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), length);
    }

    /// <summary>fsync of a folder, so the names created in it survive a power loss; best effort, as in the blob store.</summary>
    public static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(folder, 0);
        if (fd >= 0)
        {
            _ = Fsync(fd);
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string created);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
