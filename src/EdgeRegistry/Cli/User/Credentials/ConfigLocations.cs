namespace EdgeRegistry.Cli.User.Credentials;

/// <summary>
/// Where edgereg keeps its profiles and where the aliyun CLI keeps its own. Both come from environment variables
/// only (never from the process's idea of a home folder), so tests and scripts can point them at a folder of their own.
/// </summary>
/// <param name="ProfileFile">edgereg's profile file; null when no home or config folder is known.</param>
/// <param name="AliyunFile">The aliyun CLI's configuration; null when no home folder is known.</param>
public sealed record ConfigLocations(string? ProfileFile, string? AliyunFile)
{
    public const string ConfigDirVariable = "EDGEREG_CONFIG_DIR";

    /// <summary>
    /// edgereg: <c>EDGEREG_CONFIG_DIR</c>, else <c>%APPDATA%\edgereg</c> on Windows, else <c>$XDG_CONFIG_HOME/edgereg</c>,
    /// else <c>~/.config/edgereg</c>. aliyun: <c>ALIBABA_CLOUD_CONFIG_FILE</c> (as Alibaba's credential providers
    /// read it), else <c>~/.aliyun/config.json</c>.
    /// </summary>
    public static ConfigLocations From(Func<string, string?> variable)
    {
        var home = NonEmpty(variable("HOME")) ?? NonEmpty(variable("USERPROFILE"));
        var dir = NonEmpty(variable(ConfigDirVariable))
            ?? (OperatingSystem.IsWindows() ? Under(NonEmpty(variable("APPDATA")), "edgereg") : null)
            ?? Under(NonEmpty(variable("XDG_CONFIG_HOME")), "edgereg")
            ?? Under(home, ".config", "edgereg");
        return new ConfigLocations(
            Under(dir, "config.json"),
            NonEmpty(variable("ALIBABA_CLOUD_CONFIG_FILE")) ?? Under(home, ".aliyun", "config.json"));
    }

    private static string? Under(string? root, params string[] parts) => root is null ? null : Path.Combine([root, .. parts]);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
