using System.Runtime.InteropServices;

namespace EdgeRegistry.Hosting;

/// <summary>
/// Every tenant's packages and secrets live in the data dir, so nothing in it may be readable by other local users.
/// The process's umask is set to 077 before anything is created (SQLite makes its database, WAL and shared-memory
/// files itself, with the umask's mode), and the data dir is made owner-only even when an older release or an
/// operator created it open: with the folder closed, nothing inside it can be reached, whatever its own mode.
/// </summary>
public static partial class OwnerOnlyFiles
{
    public static void Apply(ServerSettings settings)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _ = SetUmask(0b000_111_111);
        if (settings.InMemory)
        {
            return;
        }

        Directory.CreateDirectory(settings.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(settings.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Umask 077 for the process (backup and restore create owner-only files too, SQLite's among them).</summary>
    public static void RestrictUmask()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(0b000_111_111);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetUmask(uint mask);
}
