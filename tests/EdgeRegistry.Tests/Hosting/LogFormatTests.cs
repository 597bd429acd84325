using System.Text.Json;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// README "Configuration": <c>EDGEREG_LOG_FORMAT=json</c> or <c>LogFormat</c> in appsettings.json switches the console
/// to one JSON object per line; the environment beats appsettings.json, like every other setting.
/// </summary>
public sealed class LogFormatTests
{
    [Theory]
    [InlineData("env")]
    [InlineData("json")]
    public async Task Json_from_either_source_makes_every_line_a_JSON_object(string source)
    {
        using var dir = new WorkDir();
        var environment = new Dictionary<string, string>();
        if (source == "env")
        {
            environment["EDGEREG_LOG_FORMAT"] = "json";
        }
        else
        {
            dir.AppSettings(new { LogFormat = "json" });
        }

        await using var server = ServerProcess.Start(dir.Root, ["--in-memory", "--listen", "127.0.0.1:0"], environment);
        await server.ListeningAsync();

        var listening = Assert.Single(await server.LinesWithAsync("EdgeRegistry is listening on"));
        Assert.StartsWith("EdgeRegistry is listening on", JsonDocument.Parse(listening).RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_environment_beats_appsettings()
    {
        using var dir = new WorkDir();
        dir.AppSettings(new { LogFormat = "text" });

        await using var server = ServerProcess.Start(dir.Root, ["--in-memory", "--listen", "127.0.0.1:0"],
            new Dictionary<string, string> { ["EDGEREG_LOG_FORMAT"] = "json" });
        await server.ListeningAsync();

        var listening = Assert.Single(await server.LinesWithAsync("EdgeRegistry is listening on"));
        Assert.StartsWith("{", listening, StringComparison.Ordinal);
    }
}
