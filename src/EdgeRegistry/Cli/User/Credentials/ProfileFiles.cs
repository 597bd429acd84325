using System.Text.Json;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli.User.Credentials;

/// <summary>
/// Reads and writes edgereg's profile file (<c>{"profiles":[…]}</c>, snake_case like the aliyun CLI's) and reads the
/// aliyun CLI's. The profile file holds secrets: it is written readable by its owner only, whole, through a rename.
/// </summary>
public static class ProfileFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    private sealed record ProfileDocument(IReadOnlyList<Profile>? Profiles);

    /// <summary>The profiles in <paramref name="path"/>; none when the file does not exist.</summary>
    public static IReadOnlyList<Profile> Read(string path) => ReadJson<ProfileDocument>(path)?.Profiles ?? [];

    /// <summary>The aliyun CLI's configuration; null when the file does not exist.</summary>
    public static AliyunConfig? ReadAliyun(string path) => ReadJson<AliyunConfig>(path);

    public static void Write(string path, IReadOnlyList<Profile> profiles)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(new ProfileDocument(profiles), Json));
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                // Created 0600, so the secrets are never readable by others, not even for a moment.
                using (var stream = new FileStream(temp, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                }))
                {
                    JsonSerializer.Serialize(stream, new ProfileDocument(profiles), Json);
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw new AdminCliException(ExitCodes.Failed, $"cannot save {path}: {e.Message}");
        }
    }

    private static T? ReadJson<T>(string path)
        where T : class
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AdminCliException.Usage($"cannot read {path}: {e.Message}");
        }
        catch (JsonException e)
        {
            throw AdminCliException.Usage($"{path} is not a profile file this client can read: {e.Message}");
        }
    }
}
