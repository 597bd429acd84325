using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdgeRegistry.Cli.Admin.Import;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>
/// Reading an object with OSS's V1 header signature (<c>Authorization: OSS id:signature</c>) made with the owning
/// account's AccessKey instead of a presigned link: GET and HEAD only, the 15-minute date window, enabled keys,
/// RAM permission, and another tenant's object indistinguishable from a missing one.
/// </summary>
public sealed class HeaderSignedReadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    private async Task<(NewAccount Account, string Url, byte[] Bytes)> AccountWithConfigAsync()
    {
        var account = await _server.Admin().CreateAccountAsync();
        var client = _server.ClientFor(account);
        var driver = await client.CreateDriverAsync();
        var bytes = PackageCalls.RandomBytes(2_000);
        return (account, await client.UploadDefaultConfigAsync(driver, "1.0", bytes), bytes);
    }

    private Task<ObjectResponse> SignedAsync(string url, string id, string secret, string method = "GET", TimeProvider? time = null, byte[]? body = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        new OssObjectSigner(new AccessKeyPair(id, secret, "test"), time ?? _server.Time).For(url)!(request);
        return _server.Client.SendObjectAsync(request);
    }

    [Fact]
    public async Task A_signed_GET_and_HEAD_read_the_accounts_own_default_config()
    {
        var (account, url, bytes) = await AccountWithConfigAsync();

        OssAssert.Object(await SignedAsync(url, account.AccessKeyId, account.AccessKeySecret), bytes);
        var head = await SignedAsync(url, account.AccessKeyId, account.AccessKeySecret, "HEAD");
        Assert.Equal(200, head.Status);
        Assert.Equal(PackageCalls.Sha256Hex(bytes), head.Header("x-oss-hash-sha256"));
        Assert.Empty(head.Body);
    }

    [Fact]
    public async Task A_Date_header_and_x_oss_headers_signed_by_hand_as_OSS_documents_them_are_accepted()
    {
        var (account, url, bytes) = await AccountWithConfigAsync();
        var date = _server.Time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var key = Uri.UnescapeDataString(new Uri(url).AbsolutePath["/oss/".Length..]);
        // VERB, Content-MD5, Content-Type, Date; x-oss-* lower-cased, sorted, trimmed; then the resource /oss/<key>.
        var stringToSign = $"GET\n\n\n{date}\nx-oss-meta-a:1\nx-oss-meta-b:two\n/oss/{key}";
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(account.AccessKeySecret), Encoding.UTF8.GetBytes(stringToSign)));

        var response = await _server.Client.GetObjectAsync(url, "GET", ("Date", date), ("X-OSS-Meta-B", " two "), ("x-oss-meta-a", "1"),
            ("Authorization", $"OSS {account.AccessKeyId}:{signature}"));

        OssAssert.Object(response, bytes);
    }

    [Fact]
    public async Task A_wrong_secret_is_SignatureDoesNotMatch_and_the_secret_appears_nowhere_in_the_answer()
    {
        var (account, url, _) = await AccountWithConfigAsync();

        var response = await SignedAsync(url, account.AccessKeyId, "not-the-secret");

        var message = OssAssert.Error(response, 403, "SignatureDoesNotMatch");
        Assert.Contains("/oss/", message, StringComparison.Ordinal);
        Assert.DoesNotContain(account.AccessKeySecret, response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_or_disabled_key_is_InvalidAccessKeyId()
    {
        var (account, url, _) = await AccountWithConfigAsync();
        OssAssert.Error(await SignedAsync(url, "LTAInobodyhasthis", account.AccessKeySecret), 403, "InvalidAccessKeyId");

        await _server.Admin().SetKeyEnabledAsync(account.AccountId, account.AccessKeyId, enabled: false);

        OssAssert.Error(await SignedAsync(url, account.AccessKeyId, account.AccessKeySecret), 403, "InvalidAccessKeyId");
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public async Task A_date_more_than_15_minutes_away_is_RequestTimeTooSkewed(int minutes)
    {
        var (account, url, _) = await AccountWithConfigAsync();
        var skewed = new FakeTimeProvider(_server.Time.GetUtcNow().AddMinutes(minutes));

        OssAssert.Error(await SignedAsync(url, account.AccessKeyId, account.AccessKeySecret, time: skewed), 403, "RequestTimeTooSkewed");
        var within = new FakeTimeProvider(_server.Time.GetUtcNow().AddMinutes(minutes > 0 ? 14 : -14));
        Assert.Equal(200, (await SignedAsync(url, account.AccessKeyId, account.AccessKeySecret, time: within)).Status);
    }

    [Fact]
    public async Task Another_accounts_object_answers_exactly_like_a_missing_one()
    {
        var (_, url, _) = await AccountWithConfigAsync();
        var other = await _server.Admin().CreateAccountAsync();
        var missing = url[..url.LastIndexOf('/')] + "/nothing-here.json";

        var foreign = await SignedAsync(url, other.AccessKeyId, other.AccessKeySecret);
        var absent = await SignedAsync(missing, other.AccessKeyId, other.AccessKeySecret);

        Assert.Equal(OssAssert.Error(absent, 404, "NoSuchKey"), OssAssert.Error(foreign, 404, "NoSuchKey"));
    }

    [Fact]
    public async Task A_RAM_user_needs_a_policy_that_lets_it_read_versions()
    {
        var (account, url, bytes) = await AccountWithConfigAsync();
        var admin = _server.Admin();
        var nothing = await admin.CreateRamUserAsync(account.AccountId);
        var driversOnly = await admin.CreateRamUserAsync(account.AccountId, AdminClient.Policy("Allow", "iot:QueryEdgeDriver"));
        var reader = await admin.CreateRamUserAsync(account.AccountId, AdminClient.Policy("Allow", "iot:QueryEdgeDriverVersion"));

        OssAssert.Error(await SignedAsync(url, nothing.AccessKeyId, nothing.AccessKeySecret), 403, "AccessDenied", "iot:GetEdgeDriverVersion");
        OssAssert.Error(await SignedAsync(url, driversOnly.AccessKeyId, driversOnly.AccessKeySecret), 403, "AccessDenied");
        OssAssert.Object(await SignedAsync(url, reader.AccessKeyId, reader.AccessKeySecret), bytes);
    }

    [Fact]
    public async Task A_PUT_with_the_header_is_refused_and_the_object_keeps_its_bytes()
    {
        var (account, url, bytes) = await AccountWithConfigAsync();

        var put = await SignedAsync(url, account.AccessKeyId, account.AccessKeySecret, "PUT", body: [1, 2, 3]);

        OssAssert.Error(put, 403, "AccessDenied", "presigned link");
        OssAssert.Object(await SignedAsync(url, account.AccessKeyId, account.AccessKeySecret), bytes);
    }

    [Fact]
    public async Task An_Authorization_header_of_another_shape_is_InvalidArgument_and_no_header_still_needs_a_link()
    {
        var (account, url, _) = await AccountWithConfigAsync();

        OssAssert.Error(await _server.Client.GetObjectAsync(url, "GET", ("Authorization", $"Bearer {account.AccessKeyId}")), 400, "InvalidArgument");
        OssAssert.Error(await _server.Client.GetObjectAsync(url), 403, "AccessDenied", "presigned link");
    }
}
