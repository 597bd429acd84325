using System.Security.Cryptography;

namespace EdgeRegistry.Hosting;

/// <summary>
/// The key that encrypts AccessKey secrets at rest: <c>EDGEREG_MASTER_KEY</c> (base64 of 32 bytes, for replicas
/// sharing one database), else <c>&lt;data-dir&gt;/master.key</c> made on first start and readable only by the owner.
/// </summary>
public static class MasterKey
{
    public const string EnvironmentVariable = "EDGEREG_MASTER_KEY";
    public const string FileName = "master.key";

    public static byte[] Load(ServerSettings settings)
    {
        if (settings.MasterKey is { } configured)
        {
            var key = TryBase64(configured);
            return key is { Length: 32 } ? key : throw new InvalidOperationException($"{EnvironmentVariable} must be the base64 of exactly 32 bytes.");
        }

        if (settings.InMemory)
        {
            return RandomNumberGenerator.GetBytes(32);
        }

        var path = Path.Combine(settings.DataDir, FileName);
        if (File.Exists(path))
        {
            return TryBase64(File.ReadAllText(path).Trim()) is { Length: 32 } stored
                ? stored
                : throw new InvalidOperationException($"{Path.GetFullPath(path)} is not the base64 of 32 bytes: restore the master.key kept with this database.");
        }

        var created = RandomNumberGenerator.GetBytes(32);
        PrivateFile.Write(path, Convert.ToBase64String(created));
        return created;
    }

    private static byte[]? TryBase64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public static class PrivateFile
{
    /// <summary>Creates a file that only its owner can read or write (mode 0600), before any byte is written to it.</summary>
    public static void Write(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
