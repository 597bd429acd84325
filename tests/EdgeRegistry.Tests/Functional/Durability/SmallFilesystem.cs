using System.Diagnostics;

namespace EdgeRegistry.Tests.Functional.Durability;

/// <summary>
/// A real filesystem of a few MiB (tmpfs, mounted for the test and unmounted after), so "the disk is full" is the
/// kernel's ENOSPC and not a simulation. Mounting needs root, which the test command has (CI runs it as root; so does
/// the development container); without it the test fails with this explanation rather than passing untested.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    public static SmallFilesystem Mount(int mebibytes)
    {
        var path = Directory.CreateTempSubdirectory("edgereg-small-fs-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={mebibytes}m,mode=0700", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            throw new Xunit.Sdk.XunitException(
                $"Cannot mount a {mebibytes} MiB tmpfs at {path} (exit {code}: {output.Trim()}): the full-disk test needs root (run the tests as root, as CI does).");
        }

        return new SmallFilesystem(path);
    }

    /// <summary>Bytes still free, as statfs says.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
