using System.Diagnostics;
using System.Globalization;
using EdgeRegistry.Hosting;
using Microsoft.Extensions.Configuration;

namespace EdgeRegistry.Tests.Cli;

/// <summary>
/// <c>edgereg serve --listen 127.0.0.1:0 --port-file PATH</c> as a CI script runs it: a real process (the edgereg.dll
/// built beside the tests), whose port is read from the file, not from its log.
/// </summary>
public sealed class ServePortFileTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "edgereg-portfile-" + Guid.NewGuid().ToString("N"));

    public ServePortFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_port_file_appears_once_the_server_is_ready_and_goes_when_it_stops()
    {
        var portFile = Path.Combine(_folder, "edgereg.port");
        await File.WriteAllTextAsync(portFile, "stale");
        using var server = Start("--port-file", portFile);
        try
        {
            var port = await WaitForPortAsync(server, portFile);

            using var http = new HttpClient();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"))).StatusCode);
            Assert.Equal($"{port}\n", await File.ReadAllTextAsync(portFile));
            Assert.Equal(["edgereg.port"], Directory.GetFiles(_folder).Select(Path.GetFileName));
            var run = await AdminCli.RunAsync(["drivers", "list", "--endpoint", $"http://127.0.0.1:{port}", "--output", "json"],
                variables: new Dictionary<string, string> { ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "portid", ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "portsecret" });
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Equal("[]", run.Out.Trim());
        }
        finally
        {
            await StopAsync(server);
        }

        Assert.Equal(0, server.ExitCode);
        Assert.False(File.Exists(portFile), "the port file outlived the server");
    }

    [Fact]
    public void A_port_file_in_a_folder_that_does_not_exist_stops_the_server_at_start_up()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EdgeRegistry:PortFile"] = Path.Combine(_folder, "missing", "port") })
            .Build();

        var e = Assert.Throws<InvalidOperationException>(() => ServerSettings.From(configuration));

        Assert.StartsWith("PortFile \"", e.Message, StringComparison.Ordinal);
    }

    private static Process Start(params string[] serveArgs)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "edgereg.dll"), "serve", "--in-memory", "--listen", "127.0.0.1:0" }.Concat(serveArgs))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["EDGEREG_ROOT_ACCESS_KEY_ID"] = "portid";
        info.Environment["EDGEREG_ROOT_ACCESS_KEY_SECRET"] = "portsecret";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        // Drained so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<int> WaitForPortAsync(Process server, string portFile)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, $"edgereg serve exited with {(server.HasExited ? server.ExitCode : 0)} before writing the port file");
            if (File.Exists(portFile) && int.TryParse(await File.ReadAllTextAsync(portFile), NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var port))
            {
                return port;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no port in {portFile} within {StartTimeout.TotalSeconds} s");
    }

    /// <summary>SIGTERM, as a CI script's cleanup sends it, so the server shuts down cleanly; SIGKILL after 15 s.</summary>
    private static async Task StopAsync(Process server)
    {
        if (server.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await server.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }
}
