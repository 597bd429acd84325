using System.Net;
using System.Net.Sockets;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.User;

/// <summary>
/// One named exit code per kind of failure, against a real server (2 wrong usage, 3 not found, 4 conflict,
/// 5 unauthorized, 6 unreachable; 1 is in <see cref="ThrottlingTests"/>), each with one line on stderr and nothing on stdout.
/// </summary>
public sealed class ExitCodeTests(SystemClockServerFixture fixture) : IClassFixture<SystemClockServerFixture>, IDisposable
{
    private readonly UserCliSession _cli = new(fixture.Server);

    public void Dispose() => _cli.Dispose();

    private async Task<string> FailsAsync(int exitCode, params string[] args)
    {
        var run = await _cli.ExpectAsync(exitCode, args);
        Assert.Equal("", run.Out);
        Assert.StartsWith("edgereg: ", run.Error, StringComparison.Ordinal);
        return run.Error;
    }

    [Theory]
    [InlineData("drivers")]
    [InlineData("drivers", "show")]
    [InlineData("drivers", "list", "--bogus")]
    [InlineData("drivers", "create", "x1", "--runtime", "c")]
    [InlineData("versions", "list", "d", "--state", "retired")]
    [InlineData("versions", "create", "d", "1.0")]
    [InlineData("drivers", "list", "--output", "yaml")]
    public async Task Wrong_usage_exits_2_before_any_call(params string[] args)
    {
        var error = await FailsAsync(2, args);

        Assert.EndsWith("' for usage.\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_the_server_refuses_or_an_endpoint_that_is_not_a_URL_exits_2()
    {
        Assert.Contains("(iot.common.InvalidParam, request ", await FailsAsync(2, "drivers", "create", "1bad", "--protocol", "modbus", "--runtime", "c"), StringComparison.Ordinal);
        Assert.Contains("iot.common.InvalidParam", await FailsAsync(2, "drivers", "create", "good1", "--protocol", "http", "--runtime", "c"), StringComparison.Ordinal);
        var driverId = await fixture.Client.CreateDriverAsync();
        Assert.Contains("EdgeVersion", await FailsAsync(2, "versions", "create", driverId, "1.0", "--edge-version", "two"), StringComparison.Ordinal);
        Assert.Contains("must be an http:// or https:// URL", await FailsAsync(2, "drivers", "list", "--endpoint", "127.0.0.1:8080"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_does_not_exist_exits_3()
    {
        var driverId = await fixture.Client.CreateDriverAsync();

        Assert.Contains("(iot.edge.DriverNotExist, request ", await FailsAsync(3, "versions", "list", "0123456789abcdef0123456789abcdef"), StringComparison.Ordinal);
        Assert.Contains("iot.edge.DriverVersionNotExist", await FailsAsync(3, "versions", "show", driverId, "9.9"), StringComparison.Ordinal);
        Assert.Contains("iot.edge.DriverVersionNotExist", await FailsAsync(3, "versions", "publish", driverId, "9.9"), StringComparison.Ordinal);
        await FailsAsync(3, "drivers", "delete", "0123456789abcdef0123456789abcdef");
        await FailsAsync(3, "drivers", "show", "0123456789abcdef0123456789abcdef");
    }

    [Fact]
    public async Task What_already_exists_exits_4()
    {
        var name = DriverCalls.UniqueName("dup");
        var driverId = await fixture.Client.CreateDriverAsync(name);
        await fixture.Client.CreateVersionAsync(driverId, "1.0");

        Assert.Contains("iot.edge.DriverNameExist", await FailsAsync(4, "drivers", "create", name, "--protocol", "modbus", "--runtime", "c"), StringComparison.Ordinal);
        Assert.Contains("iot.edge.DriverVersionExist", await FailsAsync(4, "versions", "create", driverId, "1.0", "--edge-version", "2.4.0"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_the_server_refuses_exits_5()
    {
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "not-the-secret";
        var mismatch = await FailsAsync(5, "drivers", "list");
        Assert.StartsWith("edgereg: Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\\n", mismatch, StringComparison.Ordinal);
        Assert.Single(mismatch.TrimEnd('\n').Split('\n'));

        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAInosuchkey000";
        Assert.Contains("(InvalidAccessKeyId.NotFound, request ", await FailsAsync(5, "drivers", "list"), StringComparison.Ordinal);

        var admin = fixture.Server.Admin();
        var account = await admin.DefaultAccountIdAsync();
        var reader = await admin.CreateRamUserAsync(account, AdminClient.Policy("Allow", "iot:Query*"));
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = reader.AccessKeyId;
        _cli.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = reader.AccessKeySecret;
        await _cli.ExpectAsync(0, "drivers", "list");
        Assert.Contains("Forbidden.RAM", await FailsAsync(5, "drivers", "create", "ram1", "--protocol", "modbus", "--runtime", "c"), StringComparison.Ordinal);
        await admin.SetKeyEnabledAsync(account, reader.AccessKeyId, enabled: false);
        Assert.Contains("InvalidAccessKeyId.Inactive", await FailsAsync(5, "drivers", "list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_exits_6()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await FailsAsync(6, "drivers", "list", "--endpoint", $"http://127.0.0.1:{port}");

        Assert.StartsWith($"edgereg: cannot reach the server at http://127.0.0.1:{port}: ", error, StringComparison.Ordinal);
    }
}
