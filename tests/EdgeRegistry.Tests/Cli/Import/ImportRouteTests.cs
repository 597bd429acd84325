using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.Import;

/// <summary>
/// The admin API's import routes on their own: what they refuse (and that a refusal writes nothing), and a driver
/// written with its id and times read back through the public API.
/// </summary>
public sealed class ImportRouteTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Driver = """{"name":"plc_reader","protocol":"modbus","runtime":"python3","cpuArch":"aarch64","isBuiltIn":false,"createdMs":1600000000123,"modifiedMs":1700000000456}""";

    private readonly AdminClient _admin = fixture.Server.Admin();

    [Fact]
    public async Task A_driver_keeps_the_id_and_times_given_and_the_same_put_again_changes_nothing()
    {
        var account = await _admin.CreateAccountAsync();
        var id = NewId();

        AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{account.AccountId}/drivers/{id}", Driver), 201);
        Assert.Equal("unchanged", AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{account.AccountId}/drivers/{id}", Driver), 200).Json.GetProperty("outcome").GetString());

        var listed = RpcAssert.Success(await fixture.Server.ClientFor(account).CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id)));
        var driver = Assert.Single(listed.Root.GetProperty("DriverList").EnumerateArray());
        Assert.Equal(1600000000123, driver.GetProperty("GmtCreateTimestamp").GetInt64());
        Assert.Equal(1700000000456, driver.GetProperty("GmtModifiedTimestamp").GetInt64());
        Assert.Equal("AArch64", driver.GetProperty("CpuArch").GetString()); // the spelling CreateEdgeDriver stores too
    }

    [Fact]
    public async Task Other_fields_under_the_same_id_are_a_conflict_and_an_id_of_another_account_is_refused()
    {
        var first = await _admin.CreateAccountAsync();
        var second = await _admin.CreateAccountAsync();
        var id = NewId();
        AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{first.AccountId}/drivers/{id}", Driver), 201);

        var conflict = AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{first.AccountId}/drivers/{id}", Driver.Replace("python3", "nodejs8", StringComparison.Ordinal)), 409, "DriverConflict");
        Assert.Contains("runtime is python3, the source has nodejs8", conflict.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        var taken = AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{second.AccountId}/drivers/{id}", Driver), 409, "DriverIdTaken");
        Assert.Contains($"account {first.AccountId}", taken.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        AdminClient.Expect(await _admin.GetAsync($"/admin/accounts/{second.AccountId}/drivers/{id}"), 409, "DriverIdTaken");
        AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/0000000000000000/drivers/{NewId()}", Driver), 404, "AccountNotFound");
        AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{first.AccountId}/drivers/{NewId()}?instance=iot-nosuch1", Driver), 404, "InstanceNotFound");
        AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{first.AccountId}/drivers/{NewId()}", Driver.Replace("modbus", "pigeon", StringComparison.Ordinal)), 400, "InvalidArgument");
    }

    [Fact]
    public async Task A_file_whose_digest_differs_is_refused_and_a_published_version_is_immutable()
    {
        var account = await _admin.CreateAccountAsync();
        var id = NewId();
        AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{account.AccountId}/drivers/{id}", Driver), 201);
        var bytes = PackageCalls.RandomBytes(2000);
        var path = $"/admin/accounts/{account.AccountId}/drivers/{id}/versions/1.0/files/DRIVER_VERSION_CONTENT/driver.zip?sha256=";

        var bad = await PutBytesAsync(path + new string('0', 64), bytes);
        Assert.Equal(400, bad.Status);
        Assert.Equal("BadDigest", bad.Json.GetProperty("code").GetString());
        var good = await PutBytesAsync(path + PackageCalls.Sha256Hex(bytes), bytes);
        Assert.Equal(201, good.Status);
        var url = good.Json.GetProperty("url").GetString()!;
        var version = JsonSerializer.Serialize(new
        {
            edgeVersion = "2.4.0", sourceConfig = PackageCalls.SourceConfig(url), published = true, createdMs = 1600000001000, modifiedMs = 1600000002000,
        });
        AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{account.AccountId}/drivers/{id}/versions/1.0", version), 201);

        AdminClient.Expect(await _admin.PutAsync($"/admin/accounts/{account.AccountId}/drivers/{id}/versions/1.0", version), 409, "VersionPublished");
        Assert.Equal(409, (await PutBytesAsync(path + PackageCalls.Sha256Hex(bytes), bytes)).Status);
        var client = fixture.Server.ClientFor(account);
        var stored = await client.FindVersionAsync(id, "1.0");
        Assert.Equal("1", stored.GetProperty("VersionState").GetString());
        Assert.Equal(1600000001000, stored.GetProperty("GmtCreateTimestamp").GetInt64());
        Assert.Equal(1600000002000, stored.GetProperty("GmtModifiedTimestamp").GetInt64());
        Assert.Equal(bytes, (await client.GetObjectAsync(await client.TemporaryAddressAsync(id, "1.0"))).Body);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private async Task<AdminResponse> PutBytesAsync(string path, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(bytes) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.AdminToken);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var answer = await fixture.Server.Http.SendAsync(request);
        return new AdminResponse((int)answer.StatusCode, new Dictionary<string, string>(), Encoding.UTF8.GetString(await answer.Content.ReadAsByteArrayAsync()));
    }
}
