using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// README "Configuration": a flag beats the environment, which beats appsettings.json (in the working directory),
/// which beats the default; each start below gives the sources different values and looks at which one the real
/// <c>edgereg serve</c> took: the address it binds (127.0.0.1, .2 and .3 are all loopback), the storage it names,
/// the base of the object URLs it hands out, and whether a burst of 20 calls is throttled (quotas on).
/// </summary>
public sealed class ConfigurationPrecedenceTests
{
    private const string KeyId = "precedence-id";
    private const string Secret = "precedence-secret";

    private static Dictionary<string, string> Environment(params (string Name, string Value)[] variables) =>
        new[] { ("EDGEREG_ROOT_ACCESS_KEY_ID", KeyId), ("EDGEREG_ROOT_ACCESS_KEY_SECRET", Secret) }.Concat(variables).ToDictionary(v => v.Item1, v => v.Item2);

    [Fact]
    public async Task Flags_beat_the_environment_and_appsettings()
    {
        using var dir = new WorkDir();
        dir.AppSettings(new { Listen = "127.0.0.3:0", DataDir = dir["json"], PublicUrl = "http://json.example", Quotas = "on" });
        var environment = Environment(("EDGEREG_LISTEN", "127.0.0.2:0"), ("EDGEREG_DATA_DIR", dir["env"]), ("EDGEREG_PUBLIC_URL", "http://env.example"),
            ("EDGEREG_QUOTAS", "on"));

        await using var server = ServerProcess.Start(dir.Root,
            ["--listen", "127.0.0.1:0", "--data-dir", dir["flag"], "--public-url", "http://flag.example", "--quotas", "off"], environment);

        Assert.Equal(new Observed("127.0.0.1", dir["flag"], "http://flag.example/oss/", Throttled: false), await ObserveAsync(server));
    }

    [Fact]
    public async Task The_environment_beats_appsettings()
    {
        using var dir = new WorkDir();
        dir.AppSettings(new { Listen = "127.0.0.3:0", DataDir = dir["json"], PublicUrl = "http://json.example", Quotas = "on", InMemory = "true" });
        var environment = Environment(("EDGEREG_LISTEN", "127.0.0.2:0"), ("EDGEREG_DATA_DIR", dir["env"]), ("EDGEREG_PUBLIC_URL", "http://env.example"),
            ("EDGEREG_QUOTAS", "off"), ("EDGEREG_IN_MEMORY", "false"));

        await using var server = ServerProcess.Start(dir.Root, [], environment);

        Assert.Equal(new Observed("127.0.0.2", dir["env"], "http://env.example/oss/", Throttled: false), await ObserveAsync(server));
    }

    [Fact]
    public async Task Appsettings_in_the_working_directory_beats_the_defaults()
    {
        using var dir = new WorkDir();
        dir.AppSettings(new { Listen = "127.0.0.3:0", DataDir = dir["json"], PublicUrl = "http://json.example", Quotas = "off" });

        await using var server = ServerProcess.Start(dir.Root, [], Environment());

        Assert.Equal(new Observed("127.0.0.3", dir["json"], "http://json.example/oss/", Throttled: false), await ObserveAsync(server));
    }

    [Fact]
    public async Task The_defaults_are_data_in_the_working_directory_links_to_the_listen_address_and_quotas_on()
    {
        using var dir = new WorkDir();

        // Only the port is set: 8080, the default, may be taken on a shared machine.
        await using var server = ServerProcess.Start(dir.Root, ["--listen", "127.0.0.1:0"], Environment());

        var (address, _) = await server.ListeningAsync();
        Assert.Equal(new Observed("127.0.0.1", dir["data"], $"http://127.0.0.1:{address.Port}/oss/", Throttled: true), await ObserveAsync(server));
    }

    [Fact]
    public async Task The_in_memory_flag_beats_the_environment_and_appsettings_saying_false()
    {
        using var dir = new WorkDir();
        dir.AppSettings(new { InMemory = "false" });

        await using var server = ServerProcess.Start(dir.Root, ["--listen", "127.0.0.1:0", "--in-memory"], Environment(("EDGEREG_IN_MEMORY", "false")));

        Assert.Equal("in memory", (await server.ListeningAsync()).Storage);
        Assert.False(Directory.Exists(dir["data"]));
    }

    [Fact]
    public async Task InMemory_in_appsettings_beats_the_default()
    {
        using var dir = new WorkDir();
        dir.AppSettings(new { InMemory = "true" });

        await using var server = ServerProcess.Start(dir.Root, ["--listen", "127.0.0.1:0"], Environment());

        Assert.Equal("in memory", (await server.ListeningAsync()).Storage);
    }

    private sealed record Observed(string Host, string Storage, string ObjectUrlBase, bool Throttled);

    private static async Task<Observed> ObserveAsync(ServerProcess server)
    {
        var (address, storage) = await server.ListeningAsync();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var client = new RpcTestClient(http, TimeProvider.System, KeyId, Secret);

        var driverId = await client.CreateDriverAsync();
        var ossAddress = (await client.PresignAsync(driverId, "1.0")).OssAddress;
        var objectUrlBase = ossAddress[..(ossAddress.IndexOf("/oss/", StringComparison.Ordinal) + "/oss/".Length)];

        // QueryEdgeDriver allows 5 calls a second: 20 at once are throttled even if they straddle a second or two.
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.QueryDriversAsync()));
        Assert.All(burst, r => Assert.Contains(r.Code, new[] { "Success", "Throttling.User" }));
        return new Observed(address.Host, storage, objectUrlBase, burst.Any(r => r.Code == "Throttling.User"));
    }
}
