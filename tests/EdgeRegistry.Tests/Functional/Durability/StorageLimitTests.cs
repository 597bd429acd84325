using System.Net;
using EdgeRegistry.Tests.Cli;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Durability;

/// <summary>
/// README "Storage limits": an account's stored package bytes are unlimited until the operator sets a limit
/// (admin API or <c>edgereg admin storage set</c>); then an upload past it is refused at the PUT with OSS's XML
/// (403 QuotaExceeded: on the announced length before the body is read, and at the commit for a chunked body), a
/// presign is refused once nothing is left, and nothing refused is stored.
/// </summary>
public sealed class StorageLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private AdminClient Admin => new(Server.Http);

    /// <summary>A new account (so limits set here touch no other test) and a client signing with its key.</summary>
    private async Task<(string AccountId, RpcTestClient Client)> AccountAsync()
    {
        var account = await Admin.CreateAccountAsync();
        return (account.AccountId, Server.ClientFor(account.AccessKeyId, account.AccessKeySecret));
    }

    private async Task<AdminResponse> SetLimitAsync(string accountId, string limitJson) =>
        await Admin.SendAsync(HttpMethod.Put, $"/admin/accounts/{accountId}/storage", $"{{\"limitBytes\":{limitJson}}}");

    [Fact]
    public async Task Uploads_past_the_limit_are_refused_with_QuotaExceeded_and_nothing_is_stored()
    {
        var (accountId, client) = await AccountAsync();
        Assert.Equal("""{"storedBytes":0,"limitBytes":null}""", (await Admin.SendAsync(HttpMethod.Get, $"/admin/accounts/{accountId}/storage")).Body);
        var driverId = await client.CreateDriverAsync();
        var firstBytes = PackageCalls.RandomBytes(6000);
        var first = await client.UploadPackageAsync(driverId, "1.0", firstBytes);
        Assert.Equal("""{"storedBytes":6000,"limitBytes":10000}""", (await SetLimitAsync(accountId, "10000")).Body);

        // Announced length: refused before the body is read.
        var second = await client.PresignAsync(driverId, "2.0");
        var blobs = await Server.BlobIdsAsync();
        var put = await client.PutAsync(second.PresignedUrl, PackageCalls.RandomBytes(4001));
        Assert.Contains("storage limit of 10000 bytes", OssAssert.Error(put, 403, "QuotaExceeded"), StringComparison.Ordinal);

        // Chunked (no length announced): refused at the commit, its bytes removed.
        using (var chunked = new HttpRequestMessage(HttpMethod.Put, second.PresignedUrl) { Content = new UnknownLengthContent(PackageCalls.RandomBytes(4001)) })
        {
            OssAssert.Error(await client.SendObjectAsync(chunked), 403, "QuotaExceeded");
        }

        Assert.Equal(blobs, await Server.BlobIdsAsync());
        Assert.Empty(Server.TempFiles());
        OssAssert.Error(await client.GetObjectAsync(Server.DownloadLink(second.OssAddress)), 404, "NoSuchKey");

        // Exactly up to the limit is accepted; then a presign is refused, as nothing is left.
        Assert.Equal(200, (await client.PutAsync(second.PresignedUrl, PackageCalls.RandomBytes(4000))).Status);
        RpcAssert.BusinessError(await client.PresignRawAsync(("Type", PackageCalls.PackageType), ("ResourceId", driverId),
            ("ResourceVersion", "3.0"), ("FileName", "driver.zip")), "iot.common.StorageQuotaExceeded");

        // Another account is not affected; lifting the limit lets this one upload again.
        var (_, other) = await AccountAsync();
        await other.UploadPackageAsync(await other.CreateDriverAsync(), "1.0", PackageCalls.RandomBytes(20_000));
        Assert.Equal("""{"storedBytes":10000,"limitBytes":null}""", (await SetLimitAsync(accountId, "null")).Body);
        await client.UploadPackageAsync(driverId, "3.0", PackageCalls.RandomBytes(5000));
        Assert.Equal(firstBytes, (await client.GetObjectAsync(Server.DownloadLink(first))).Body);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"limitBytes\":-1}")]
    [InlineData("{\"limitBytes\":1.5}")]
    [InlineData("{\"limitBytes\":\"10\"}")]
    [InlineData("[1]")]
    [InlineData("not json")]
    public async Task A_malformed_limit_is_a_400_and_changes_nothing(string body)
    {
        var (accountId, _) = await AccountAsync();
        var answer = await Admin.SendAsync(HttpMethod.Put, $"/admin/accounts/{accountId}/storage", body);

        Assert.Equal(400, answer.Status);
        Assert.Equal("InvalidArgument", answer.Json.GetProperty("code").GetString());
        Assert.Equal("""{"storedBytes":0,"limitBytes":null}""", (await Admin.SendAsync(HttpMethod.Get, $"/admin/accounts/{accountId}/storage")).Body);
    }

    [Fact]
    public async Task An_unknown_account_is_a_404()
    {
        Assert.Equal(404, (await Admin.SendAsync(HttpMethod.Get, "/admin/accounts/9999999999999999/storage")).Status);
        Assert.Equal(404, (await SetLimitAsync("9999999999999999", "1")).Status);
    }

    [Fact]
    public async Task The_cli_sets_and_shows_the_limit()
    {
        var (accountId, _) = await AccountAsync();
        string[] server = ["admin", "--server", Server.BaseUri.ToString(), "--token", TestServer.AdminToken, "--output", "json"];

        var set = await AdminCli.RunAsync([.. server, "storage", "set", accountId, "2G"]);
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("2147483648", set.Out, StringComparison.Ordinal);
        var show = await AdminCli.RunAsync([.. server, "storage", "show", accountId]);
        Assert.Contains("\"limitBytes\": 2147483648", show.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await AdminCli.RunAsync([.. server, "storage", "set", accountId, "unlimited"])).ExitCode);
        Assert.Contains("\"limitBytes\": null", (await AdminCli.RunAsync([.. server, "storage", "show", accountId])).Out, StringComparison.Ordinal);
        Assert.Equal(2, (await AdminCli.RunAsync([.. server, "storage", "set", accountId, "lots"])).ExitCode);
        Assert.Equal(3, (await AdminCli.RunAsync([.. server, "storage", "show", "9999999999999999"])).ExitCode);
    }

    /// <summary>A body of unknown length: HttpClient sends it chunked, with no Content-Length.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
