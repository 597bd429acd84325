using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.User;

/// <summary>
/// Where the key pair, endpoint and instance come from, first found wins: options, environment, edgereg's profile,
/// the aliyun CLI's AK profile. Each test has a HOME of its own; a wrong secret anywhere earlier in the order
/// would be refused by the server (exit 5), so a success shows which source was used.
/// </summary>
public sealed class CredentialTests(SystemClockServerFixture fixture) : IClassFixture<SystemClockServerFixture>, IDisposable
{
    private readonly UserCliSession _cli = new(fixture.Server, accessKeyId: null, accessKeySecret: null);

    public void Dispose() => _cli.Dispose();

    private string ProfileFile => Path.Combine(_cli.Home, ".config", "edgereg", "config.json");

    private void WriteAliyunConfig(string current, string path = ".aliyun/config.json") => _cli.WriteFile(path, $$"""
        {
          "current": "{{current}}",
          "profiles": [
            { "name": "default", "mode": "AK", "access_key_id": "testid", "access_key_secret": "wrong", "region_id": "cn-shanghai" },
            { "name": "work", "mode": "AK", "access_key_id": "testid", "access_key_secret": "testsecret", "region_id": "cn-shanghai",
              "sts_token": "", "ram_role_arn": "", "output_format": "json", "language": "en", "retry_count": 0 },
            { "name": "sts", "mode": "StsToken", "access_key_id": "testid", "access_key_secret": "testsecret", "sts_token": "t" }
          ],
          "meta_path": ""
        }
        """);

    [Fact]
    public async Task The_environment_variables_of_Alibabas_SDKs_sign_the_calls()
    {
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = TestServer.AccessKeyId;
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = TestServer.AccessKeySecret;

        await _cli.ExpectAsync(0, "drivers", "list");
    }

    [Fact]
    public async Task Options_beat_the_environment_which_beats_the_profile()
    {
        await _cli.RunWithInputAsync("wrong\n", "configure", "--endpoint", "http://127.0.0.1:1", "--access-key-id", "testid", "--access-key-secret", "-");
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = TestServer.AccessKeyId;
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "also-wrong";

        await _cli.ExpectAsync(5, "drivers", "list");
        await _cli.ExpectAsync(0, "drivers", "list", "--access-key-id", TestServer.AccessKeyId, "--access-key-secret", TestServer.AccessKeySecret);
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = TestServer.AccessKeySecret;
        await _cli.ExpectAsync(0, "drivers", "list");
        _cli.Variables.Remove("EDGEREG_ENDPOINT");
        await _cli.ExpectAsync(6, "drivers", "list");
        await _cli.ExpectAsync(0, "drivers", "list", "--endpoint", _cli.Endpoint);
    }

    [Fact]
    public async Task Configure_saves_a_profile_readable_only_by_its_owner_that_later_calls_use()
    {
        _cli.Variables.Remove("EDGEREG_ENDPOINT");

        var saved = await _cli.RunWithInputAsync(TestServer.AccessKeySecret + "\n",
            "configure", "--endpoint", _cli.Endpoint, "--access-key-id", TestServer.AccessKeyId, "--access-key-secret", "-");

        Assert.Equal(0, saved.ExitCode);
        Assert.Equal($"Saved profile 'default' to {ProfileFile}.\n", saved.Out);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ProfileFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(ProfileFile)!));
        }

        var profile = Assert.Single(JsonDocument.Parse(File.ReadAllText(ProfileFile)).RootElement.GetProperty("profiles").EnumerateArray());
        Assert.Equal(_cli.Endpoint, profile.GetProperty("endpoint").GetString());
        Assert.Equal(TestServer.AccessKeySecret, profile.GetProperty("access_key_secret").GetString());
        Assert.Equal([], Directory.GetFiles(Path.GetDirectoryName(ProfileFile)!).Select(Path.GetFileName).Where(f => f != "config.json"));
        await _cli.ExpectAsync(0, "drivers", "list");

        await _cli.ExpectAsync(0, "configure", "--profile", "broken", "--endpoint", "http://127.0.0.1:1");
        await _cli.ExpectAsync(0, "configure", "--instance", "iot-nosuch01");
        var listed = await _cli.JsonAsync("configure", "list");
        Assert.Equal(["default", "broken"], listed.EnumerateArray().Select(p => p.GetProperty("Name").GetString()));
        Assert.Equal("iot-nosuch01", listed[0].GetProperty("InstanceId").GetString());
        Assert.DoesNotContain(TestServer.AccessKeySecret, listed.GetRawText(), StringComparison.Ordinal);
        await _cli.ExpectAsync(3, "drivers", "list");
        await _cli.ExpectAsync(0, "configure", "--instance", "");
        await _cli.ExpectAsync(0, "drivers", "list");
        var noKey = await _cli.ExpectAsync(5, "drivers", "list", "--profile", "broken");
        Assert.Contains($"profile 'broken' in {ProfileFile} (it has no AccessKey)", noKey.Error, StringComparison.Ordinal);
        Assert.Contains("no profile 'nope'", (await _cli.ExpectAsync(2, "drivers", "list", "--profile", "nope")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EDGEREG_CONFIG_DIR_moves_the_profile_file()
    {
        var folder = Path.Combine(_cli.Home, "elsewhere");
        _cli.Variables["EDGEREG_CONFIG_DIR"] = folder;

        await _cli.ExpectAsync(0, "configure", "--access-key-id", TestServer.AccessKeyId, "--access-key-secret", TestServer.AccessKeySecret);

        Assert.True(File.Exists(Path.Combine(folder, "config.json")));
        Assert.False(File.Exists(ProfileFile));
        await _cli.ExpectAsync(0, "drivers", "list");
    }

    [Fact]
    public async Task A_user_set_up_for_the_aliyun_CLI_needs_only_an_endpoint()
    {
        WriteAliyunConfig(current: "work");

        await _cli.ExpectAsync(0, "drivers", "list");
        await _cli.ExpectAsync(5, "drivers", "list", "--profile", "default");

        _cli.Variables["ALIBABA_CLOUD_PROFILE"] = "default";
        await _cli.ExpectAsync(5, "drivers", "list");
        await _cli.ExpectAsync(0, "drivers", "list", "--profile", "work");

        var sts = await _cli.ExpectAsync(5, "drivers", "list", "--profile", "sts");
        Assert.Contains("(its mode is StsToken; only AK profiles are read)", sts.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALIBABA_CLOUD_CONFIG_FILE_names_the_aliyun_configuration_and_an_edgereg_profile_adds_the_endpoint()
    {
        WriteAliyunConfig(current: "work", path: "aliyun-elsewhere.json");
        _cli.Variables["ALIBABA_CLOUD_CONFIG_FILE"] = Path.Combine(_cli.Home, "aliyun-elsewhere.json");
        _cli.Variables.Remove("EDGEREG_ENDPOINT");
        await _cli.ExpectAsync(0, "configure", "--endpoint", _cli.Endpoint);

        await _cli.ExpectAsync(0, "drivers", "list");

        var listed = await _cli.JsonAsync("configure", "list");
        Assert.Equal(["default/edgereg", "default/aliyun", "work/aliyun", "sts/aliyun"],
            listed.EnumerateArray().Select(p => p.GetProperty("Name").GetString() + "/" + p.GetProperty("From").GetString()));
    }

    [Fact]
    public async Task Without_a_key_anywhere_the_message_says_where_it_looked()
    {
        var run = await _cli.ExpectAsync(5, "drivers", "list");

        Assert.Equal(
            "edgereg: no AccessKey: looked at --access-key-id with --access-key-secret; ALIBABA_CLOUD_ACCESS_KEY_ID with " +
            $"ALIBABA_CLOUD_ACCESS_KEY_SECRET; profile 'default' in {ProfileFile} (no such file); the aliyun CLI's profile " +
            $"'default' in {Path.Combine(_cli.Home, ".aliyun", "config.json")} (no such file). Save one with 'edgereg configure'.\n",
            run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Half_a_key_pair_is_wrong_usage_rather_than_a_reason_to_look_further()
    {
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = TestServer.AccessKeyId;

        var run = await _cli.ExpectAsync(2, "drivers", "list");

        Assert.Equal("edgereg: ALIBABA_CLOUD_ACCESS_KEY_ID is set without ALIBABA_CLOUD_ACCESS_KEY_SECRET.\n", run.Error);
        Assert.Contains("go together", (await _cli.ExpectAsync(2, "configure", "--access-key-id", "x")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_instance_from_EDGEREG_INSTANCE_scopes_every_call()
    {
        var account = await fixture.Server.Admin().CreateAccountAsync();
        var instance = await fixture.Server.Admin().CreateInstanceAsync(account.AccountId);
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = account.AccessKeyId;
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = account.AccessKeySecret;
        _cli.Variables["EDGEREG_INSTANCE"] = instance;

        var driverId = (await _cli.JsonAsync("drivers", "create", "inst_drv", "--protocol", "modbus", "--runtime", "c")).GetProperty("DriverId").GetString()!;

        Assert.Single((await _cli.JsonAsync("drivers", "list")).EnumerateArray());
        Assert.Equal(0, (await _cli.JsonAsync("drivers", "list", "--instance", "")).GetArrayLength());
        _cli.Variables.Remove("EDGEREG_INSTANCE");
        Assert.Equal(0, (await _cli.JsonAsync("drivers", "list")).GetArrayLength());
        await _cli.ExpectAsync(3, "drivers", "show", driverId);
        await _cli.ExpectAsync(0, "drivers", "show", driverId, "--instance", instance);
        Assert.Contains("iot.system.InstanceNotFound", (await _cli.ExpectAsync(3, "drivers", "list", "--instance", "iot-nosuch01")).Error, StringComparison.Ordinal);
    }
}
