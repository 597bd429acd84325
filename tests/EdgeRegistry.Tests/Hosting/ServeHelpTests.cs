using System.Text.RegularExpressions;
using EdgeRegistry.Hosting;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// Issue 11, configuration: <c>serve --help</c> lists every setting, the environment-only ones included. Compared
/// with the settings the code reads (<see cref="ServerSettings.EnvironmentVariables"/>, and every <c>EDGEREG_*</c>
/// name in the server's source), so that a new setting cannot be left out of the help.
/// </summary>
public sealed partial class ServeHelpTests
{
    private static async Task<string> HelpAsync()
    {
        using var dir = new WorkDir();
        await using var process = ServerProcess.Start(dir.Root, ["--help"]);
        Assert.Equal(0, await process.ExitCodeAsync());
        return process.Output;
    }

    [Fact]
    public async Task Help_names_every_setting_with_its_environment_variable_and_key()
    {
        var help = await HelpAsync();

        Assert.All(ServerSettings.EnvironmentVariables, setting =>
        {
            var line = help.Split('\n').FirstOrDefault(l => l.Contains(setting.Value + " ", StringComparison.Ordinal));
            Assert.True(line is not null, $"{setting.Value} is not in serve --help:\n{help}");
            Assert.Contains(" " + setting.Key + " ", line + " ", StringComparison.Ordinal);
        });
        Assert.DoesNotContain("(undocumented)", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_every_EDGEREG_variable_the_server_code_reads()
    {
        var help = await HelpAsync();
        var source = SourceRoot();
        // The client commands (admin, drivers, versions, configure) read their own variables; they have their own help.
        var read = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Cli{Path.DirectorySeparatorChar}Admin", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Cli{Path.DirectorySeparatorChar}User", StringComparison.Ordinal))
            .SelectMany(f => Variable().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .ToHashSet();

        Assert.Contains("EDGEREG_ADMIN_TOKEN", read);
        Assert.All(read, name => Assert.Contains(name, help, StringComparison.Ordinal));
    }

    /// <summary>src/EdgeRegistry, found from the test's output folder upwards.</summary>
    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "EdgeRegistry");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/EdgeRegistry is not above " + AppContext.BaseDirectory);
    }

    // A name, not a prefix in a sentence: EDGEREG_ROOT_ACCESS_KEY_ID and _SECRET spell the second one in full elsewhere.
    [GeneratedRegex(@"EDGEREG_[A-Z][A-Z_]*[A-Z]")]
    private static partial Regex Variable();
}
