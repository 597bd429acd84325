using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeRegistry.Packages;

/// <summary>
/// Blobs as files under <c>&lt;data-dir&gt;/blobs</c>: <c>ab/abcd…</c> (256 folders by the id's first two characters,
/// so no folder grows to millions of entries). A write goes to <c>tmp/</c>, is fsynced, then renamed into place, so
/// a reader or a crash never sees a partial blob; the rename is made durable by fsyncing the folder it lands in.
/// </summary>
public sealed partial class FileSystemBlobStore : IBlobStore
{
    /// <summary>
    /// Temp files untouched for this long are crash leftovers. Not "all of them at start-up": replicas may share the
    /// folder, and another one's upload in progress keeps its file's modification time fresh.
    /// </summary>
    public static readonly TimeSpan StaleTempAge = TimeSpan.FromHours(1);

    private readonly string _root;
    private readonly string _tmp;

    public FileSystemBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        _tmp = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(_tmp);
        // All prefix folders up front: a write then never creates a folder whose own entry would need an fsync too.
        for (var prefix = 0; prefix < 256; prefix++)
        {
            Directory.CreateDirectory(Path.Combine(_root, prefix.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
        FlushDirectory(_root);
        RemoveStaleTempFiles();
    }

    public async Task<BlobWritten> WriteAsync(string blobId, Stream content, long? declaredLength, long maxBytes, byte[]? expectedMd5, CancellationToken cancellationToken)
    {
        BlobId.Validate(blobId);
        ArgumentNullException.ThrowIfNull(content);
        BlobCopy.CheckArguments(declaredLength, maxBytes, expectedMd5);
        var finalPath = PathOf(blobId);
        if (File.Exists(finalPath))
        {
            throw new InvalidOperationException($"Blob {blobId} already exists; blob ids are never reused.");
        }

        var tempPath = Path.Combine(_tmp, $"{blobId}.{Guid.NewGuid():N}.tmp");
        try
        {
            BlobWritten written;
            // No FileStream buffer: the copy already writes 80 KiB chunks.
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                written = await BlobCopy.CopyAsync(content, file, declaredLength, maxBytes, expectedMd5, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(tempPath, finalPath, overwrite: false);
            FlushDirectory(Path.GetDirectoryName(finalPath)!);
            return written;
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    public Stream? OpenRead(string blobId)
    {
        BlobId.Validate(blobId);
        try
        {
            // Share Delete: removing a blob must not fail (or wait) because someone is downloading it.
            return new FileStream(PathOf(blobId), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 4096,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string blobId, CancellationToken cancellationToken)
    {
        BlobId.Validate(blobId);
        try
        {
            File.Delete(PathOf(blobId));
        }
        catch (DirectoryNotFoundException)
        {
            // Someone removed the prefix folder; the blob is gone either way.
        }
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var folder in Directory.EnumerateDirectories(_root))
        {
            var prefix = Path.GetFileName(folder);
            if (prefix.Length != 2 || !prefix.All(char.IsAsciiHexDigitLower))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetFileName(file);
                if (BlobId.IsValid(name) && name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    yield return name;
                }
            }
            await Task.Yield();
        }
    }

    private string PathOf(string blobId) => Path.Combine(_root, blobId[..2], blobId);

    private void RemoveStaleTempFiles()
    {
        var cutoff = DateTime.UtcNow - StaleTempAge;
        foreach (var file in new DirectoryInfo(_tmp).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                TryDelete(file.FullName);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the start-up sweep; it is in tmp/, so never readable as a blob.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// fsync of a folder, so a rename into it survives a power loss (the file's own fsync does not cover its folder
    /// entry). .NET has no API for it: on Linux and macOS it is open(2) + fsync(2). Best effort: a failure leaves the
    /// blob written but perhaps not yet durable, which is what other platforms get anyway.
    /// </summary>
    private static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        try
        {
            var fd = Open(directory, 0 /* O_RDONLY */);
            if (fd >= 0)
            {
                _ = Fsync(fd);
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
