using System.Security.Cryptography;
using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.User;

/// <summary>
/// <c>versions create|update --package</c> and <c>versions download</c> against a real server: the bytes go up
/// through a presigned PUT, come back through the temporary link, and both ends agree on the SHA-256.
/// </summary>
public sealed class PackageCommandTests(SystemClockServerFixture fixture) : IClassFixture<SystemClockServerFixture>, IDisposable
{
    private readonly UserCliSession _cli = new(fixture.Server);

    public void Dispose() => _cli.Dispose();

    private string WritePackage(string name, int length)
    {
        var path = Path.Combine(_cli.Home, name);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(length));
        return path;
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task A_package_goes_up_with_the_version_and_comes_back_byte_for_byte()
    {
        var driverId = await fixture.Client.CreateDriverAsync();
        var package = WritePackage("driver.zip", 1024 * 1024 + 17);
        var sha256 = Sha256Of(package);

        var created = await _cli.ExpectAsync(0, "versions", "create", driverId, "1.0.0", "--edge-version", "2.4.0", "--package", package, "--output", "json");

        Assert.Equal($"Uploaded driver.zip: 1,048,593 bytes, SHA-256 {sha256}, the same as the server's.\n", created.Error);
        var version = JsonDocument.Parse(created.Out).RootElement;
        var source = JsonDocument.Parse(version.GetProperty("SourceConfig").GetString()!).RootElement;
        Assert.Matches($"^{Regex(fixture.Server.BaseUri)}oss/driver/[0-9a-f]{{32}}/DRIVER_VERSION_CONTENT/{driverId}/1.0.0/[0-9]+/driver.zip$",
            source.GetProperty("ossAddress").GetString()!);
        Assert.StartsWith(source.GetProperty("ossAddress").GetString()! + "?Expires=", source.GetProperty("temporaryOssAddress").GetString()!, StringComparison.Ordinal);

        var target = Path.Combine(_cli.Home, "out", "copy.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var downloaded = await _cli.JsonAsync("versions", "download", driverId, "1.0.0", "-o", target);

        Assert.Equal(File.ReadAllBytes(package), File.ReadAllBytes(target));
        Assert.Equal(target, downloaded.GetProperty("File").GetString());
        Assert.Equal(1024 * 1024 + 17, downloaded.GetProperty("Bytes").GetInt64());
        Assert.Equal(sha256, downloaded.GetProperty("Sha256").GetString());
        Assert.Equal("SHA-256", downloaded.GetProperty("Verified").GetString());
        Assert.Equal(["copy.zip"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Update_with_a_new_package_replaces_the_bytes_downloaded()
    {
        var driverId = await fixture.Client.CreateDriverAsync();
        await _cli.ExpectAsync(0, "versions", "create", driverId, "1.0", "--edge-version", "2.4.0", "--package", WritePackage("first.zip", 1000));
        var second = WritePackage("second.tar.gz", 70_000);

        await _cli.ExpectAsync(0, "versions", "update", driverId, "1.0", "--edge-version", "2.4.0", "--package", second);
        var target = Path.Combine(_cli.Home, "second-copy.tar.gz");
        var run = await _cli.ExpectAsync(0, "versions", "download", driverId, "1.0", "--output-file", target);

        Assert.Equal(File.ReadAllBytes(second), File.ReadAllBytes(target));
        Assert.Contains(Sha256Of(second), run.Out, StringComparison.Ordinal);
        Assert.Contains("the server's SHA-256", run.Out, StringComparison.Ordinal);
        var table = await _cli.ExpectAsync(0, "versions", "list", driverId);
        Assert.Contains("second.tar.gz", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_package_round_trips_too()
    {
        var driverId = await fixture.Client.CreateDriverAsync();
        var empty = WritePackage("empty.bin", 0);

        await _cli.ExpectAsync(0, "versions", "create", driverId, "0.1", "--edge-version", "2.4.0", "--package", empty);
        var downloaded = await _cli.JsonAsync("versions", "download", driverId, "0.1", "-o", Path.Combine(_cli.Home, "empty-copy.bin"));

        Assert.Equal(0, downloaded.GetProperty("Bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), downloaded.GetProperty("Sha256").GetString());
    }

    [Fact]
    public async Task A_version_without_a_package_has_nothing_to_download()
    {
        var driverId = await fixture.Client.CreateDriverAsync();
        await fixture.Client.CreateVersionAsync(driverId, "1.0");

        var run = await _cli.ExpectAsync(3, "versions", "download", driverId, "1.0", "-o", Path.Combine(_cli.Home, "x.zip"));

        Assert.Equal($"edgereg: version 1.0 of driver {driverId} has no package to download.\n", run.Error);
        Assert.False(File.Exists(Path.Combine(_cli.Home, "x.zip")));
    }

    [Fact]
    public async Task A_missing_package_file_is_wrong_usage_and_nothing_is_created()
    {
        var driverId = await fixture.Client.CreateDriverAsync();

        var run = await _cli.ExpectAsync(2, "versions", "create", driverId, "1.0", "--edge-version", "2.4.0", "--package", Path.Combine(_cli.Home, "nope.zip"));

        Assert.StartsWith("edgereg: --package: there is no file ", run.Error, StringComparison.Ordinal);
        await _cli.ExpectAsync(3, "versions", "show", driverId, "1.0");
    }

    [Fact]
    public async Task A_package_name_the_server_refuses_is_wrong_usage_before_any_upload()
    {
        var driverId = await fixture.Client.CreateDriverAsync();

        var run = await _cli.ExpectAsync(2, "versions", "create", driverId, "1.0", "--edge-version", "2.4.0", "--package", WritePackage("noextension", 10));

        Assert.Contains("FileName", run.Error, StringComparison.Ordinal);
        Assert.Contains("iot.common.InvalidParam", run.Error, StringComparison.Ordinal);
    }

    private static string Regex(Uri baseUri) => System.Text.RegularExpressions.Regex.Escape(baseUri.AbsoluteUri);
}
