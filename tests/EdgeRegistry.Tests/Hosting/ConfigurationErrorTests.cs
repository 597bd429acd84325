namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// README "Configuration": a bad value stops <c>edgereg serve</c> at start-up with a message naming it and exit code
/// 2, whichever source (flag, environment, appsettings.json) it came from, before it listens.
/// </summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("flag", "--listen", "8080", "Listen \"8080\" is not HOST:PORT with an IP address (or localhost) and a port from 0 to 65535.")]
    [InlineData("env", "EDGEREG_LISTEN", "example.com:80", "Listen \"example.com:80\" is not HOST:PORT with an IP address (or localhost) and a port from 0 to 65535.")]
    [InlineData("json", "Listen", "127.0.0.1:65536", "Listen \"127.0.0.1:65536\" is not HOST:PORT with an IP address (or localhost) and a port from 0 to 65535.")]
    [InlineData("env", "EDGEREG_IN_MEMORY", "maybe", "InMemory \"maybe\" is not a boolean (true or false).")]
    [InlineData("json", "InMemory", "sometimes", "InMemory \"sometimes\" is not a boolean (true or false).")]
    [InlineData("flag", "--public-url", "ftp://files.example", "PublicUrl \"ftp://files.example\" is not an http or https URL without a query.")]
    [InlineData("env", "EDGEREG_PUBLIC_URL", "http://proxy.example/?a=1", "PublicUrl \"http://proxy.example/?a=1\" is not an http or https URL without a query.")]
    [InlineData("json", "PublicUrl", "proxy.example", "PublicUrl \"proxy.example\" is not an http or https URL without a query.")]
    [InlineData("env", "EDGEREG_MAX_PACKAGE_BYTES", "0", "MaxPackageBytes \"0\" is not a positive whole number of bytes.")]
    [InlineData("json", "MaxPackageBytes", "2GiB", "MaxPackageBytes \"2GiB\" is not a positive whole number of bytes.")]
    [InlineData("env", "EDGEREG_ORPHAN_OBJECT_TTL", "10w", "OrphanObjectTtl \"10w\" is not a duration such as 3600, 90s, 30m or 24h.")]
    [InlineData("json", "OrphanObjectTtl", "0s", "OrphanObjectTtl \"0s\" is not a duration such as 3600, 90s, 30m or 24h.")]
    [InlineData("flag", "--quotas", "maybe", "Quotas \"maybe\" is neither on nor off.")]
    [InlineData("env", "EDGEREG_QUOTAS", "enabled", "Quotas \"enabled\" is neither on nor off.")]
    [InlineData("json", "Quotas", "sometimes", "Quotas \"sometimes\" is neither on nor off.")]
    [InlineData("env", "EDGEREG_MASTER_KEY", "c2hvcnQ=", "EDGEREG_MASTER_KEY must be the base64 of exactly 32 bytes.")]
    [InlineData("json", "MasterKey", "not base64 at all", "EDGEREG_MASTER_KEY must be the base64 of exactly 32 bytes.")]
    [InlineData("env", "EDGEREG_LOG_FORMAT", "xml", "LogFormat \"xml\" is neither text nor json.")]
    [InlineData("json", "LogFormat", "yaml", "LogFormat \"yaml\" is neither text nor json.")]
    [InlineData("env", "EDGEREG_ADMIN_TOKEN", "seven77", "AdminToken (EDGEREG_ADMIN_TOKEN) is shorter than 16 characters: choose a long random one, or leave it unset to have one generated.")]
    [InlineData("json", "AdminToken", "short-token", "AdminToken (EDGEREG_ADMIN_TOKEN) is shorter than 16 characters: choose a long random one, or leave it unset to have one generated.")]
    [InlineData("env", "EDGEREG_ROOT_ACCESS_KEY_ID", "LTAIonlytheid", "RootAccessKeyId and RootAccessKeySecret (EDGEREG_ROOT_ACCESS_KEY_ID and _SECRET) are set together or not at all.")]
    [InlineData("json", "RootAccessKeySecret", "only-the-secret", "RootAccessKeyId and RootAccessKeySecret (EDGEREG_ROOT_ACCESS_KEY_ID and _SECRET) are set together or not at all.")]
    [InlineData("json", "Listn", "127.0.0.1:9000", "\"Listn\" in the EdgeRegistry section is not a setting; the settings are {settings}.")]
    [InlineData("flag", "--durability", "fast", "Durability \"fast\" is not full or normal.")]
    [InlineData("env", "EDGEREG_DURABILITY", "off", "Durability \"off\" is not full or normal.")]
    [InlineData("json", "Durability", "extra", "Durability \"extra\" is not full or normal.")]
    public async Task A_bad_value_stops_the_start_with_exit_2_and_a_message_naming_it(string source, string name, string value, string message)
    {
        using var dir = new WorkDir();
        // Everything else is valid: in memory, on any port, unless the bad value is one of those two settings.
        var badListen = name is "--listen" or "EDGEREG_LISTEN" or "Listen";
        var badInMemory = name is "EDGEREG_IN_MEMORY" or "InMemory";
        List<string> args = [.. badListen ? [] : new[] { "--listen", "127.0.0.1:0" }, .. badInMemory ? [] : new[] { "--in-memory" }];
        var environment = new Dictionary<string, string>();
        switch (source)
        {
            case "flag":
                args.AddRange([name, value]);
                break;
            case "env":
                environment[name] = value;
                break;
            default:
                dir.AppSettings(new Dictionary<string, string> { [name] = value });
                break;
        }

        await using var server = ServerProcess.Start(dir.Root, args, environment);

        Assert.Equal(2, await server.ExitCodeAsync());
        // The list of settings is the server's own, whatever settings have been added since.
        message = message.Replace("{settings}", string.Join(", ", EdgeRegistry.Hosting.ServerSettings.EnvironmentVariables.Keys), StringComparison.Ordinal);
        Assert.Equal($"edgereg: {message}", server.Lines.FirstOrDefault(l => l.StartsWith("edgereg:", StringComparison.Ordinal)));
        Assert.DoesNotContain("listening on", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
    }

    // Each of these ended in an unhandled exception: a stack trace and exit code 1, not exit 2 with a message.
    [Theory]
    [InlineData("appsettings.json", "{\"EdgeRegistry\":{", "appsettings.json")]
    [InlineData("data/master.key", "not base64!", "master.key")]
    [InlineData("data", "a file where the data dir should be", "data")]
    public async Task An_unusable_file_stops_the_start_with_exit_2_and_a_message_naming_it(string path, string content, string named)
    {
        using var dir = new WorkDir();
        Directory.CreateDirectory(Path.GetDirectoryName(dir[path])!);
        await File.WriteAllTextAsync(dir[path], content);

        await using var server = ServerProcess.Start(dir.Root, ["--listen", "127.0.0.1:0"]);

        Assert.Equal(2, await server.ExitCodeAsync());
        var line = server.Lines.FirstOrDefault(l => l.StartsWith("edgereg:", StringComparison.Ordinal));
        Assert.True(line is not null && line.Contains(named, StringComparison.Ordinal), server.Output);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
    }
}
