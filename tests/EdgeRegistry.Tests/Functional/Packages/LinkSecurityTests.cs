using System.Text.RegularExpressions;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>
/// Presigned links open one object, for one method, for 300 seconds: expiry on the fake clock, and every way of
/// altering a link, each a 403 with the OSS error code and a message that says what was wrong.
/// </summary>
public sealed partial class LinkSecurityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private sealed record Stored(string DriverId, PresignedObject Presigned, string Link, byte[] Bytes);

    private async Task<Stored> StoredAsync()
    {
        var bytes = PackageCalls.RandomBytes(1234);
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "1.0");
        Assert.Equal(200, (await _client.PutAsync(presigned.PresignedUrl, bytes)).Status);
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));
        return new Stored(id, presigned, await _client.TemporaryAddressAsync(id, "1.0"), bytes);
    }

    /// <summary>The URL with one query parameter replaced (null: removed).</summary>
    private static string WithQuery(string url, string name, string? value)
    {
        var at = url.IndexOf('?', StringComparison.Ordinal);
        var pairs = url[(at + 1)..].Split('&').Select(p => p.Split('=', 2)).ToList();
        var kept = pairs.Where(p => p[0] != name || value is not null).Select(p => p[0] == name ? $"{name}={value}" : $"{p[0]}={p[1]}");
        return url[..at] + "?" + string.Join('&', kept);
    }

    private static string QueryOf(string url) => url[url.IndexOf('?', StringComparison.Ordinal)..];

    private static string PathOf(string url) => url[..url.IndexOf('?', StringComparison.Ordinal)];

    private async Task AssertUnchanged(Stored stored) =>
        OssAssert.Object(await _client.GetObjectAsync(await _client.TemporaryAddressAsync(stored.DriverId, "1.0")), stored.Bytes);

    [Fact]
    public async Task A_PUT_link_works_at_299_seconds_and_is_AccessDenied_expired_at_301()
    {
        var id = await _client.CreateDriverAsync();
        var early = await _client.PresignAsync(id, "1.0");
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var late = await _client.PresignAsync(id, "1.0");

        fixture.Clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(200, (await _client.PutAsync(early.PresignedUrl, [1, 2, 3])).Status);
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await _client.PutAsync(late.PresignedUrl, [1, 2, 3]);

        OssAssert.Error(expired, 403, "AccessDenied", "expired");
        Assert.Contains("Expires", OssAssert.Error(expired, 403, "AccessDenied"), StringComparison.Ordinal);
        OssAssert.Error(await _client.GetObjectAsync(fixture.Server.DownloadLink(late.OssAddress)), 404, "NoSuchKey");
    }

    [Fact]
    public async Task A_temporaryOssAddress_works_at_299_seconds_and_is_AccessDenied_expired_at_301()
    {
        var stored = await StoredAsync();

        fixture.Clock.Advance(TimeSpan.FromSeconds(299));
        OssAssert.Object(await _client.GetObjectAsync(stored.Link), stored.Bytes);
        Assert.Equal(200, (await _client.GetObjectAsync(stored.Link, "HEAD")).Status);
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));

        OssAssert.Error(await _client.GetObjectAsync(stored.Link), 403, "AccessDenied", "expired");
        // A fresh read of the version hands out a fresh link.
        await AssertUnchanged(stored);
    }

    [Fact]
    public async Task The_link_expires_300_seconds_after_it_was_handed_out_not_after_the_upload()
    {
        var stored = await StoredAsync();
        fixture.Clock.Advance(TimeSpan.FromSeconds(200));
        var later = await _client.TemporaryAddressAsync(stored.DriverId, "1.0");

        fixture.Clock.Advance(TimeSpan.FromSeconds(150));

        OssAssert.Error(await _client.GetObjectAsync(stored.Link), 403, "AccessDenied", "expired");
        OssAssert.Object(await _client.GetObjectAsync(later), stored.Bytes);
    }

    [Fact]
    public async Task A_changed_Signature_is_SignatureDoesNotMatch()
    {
        var stored = await StoredAsync();
        var signature = Regex.Match(stored.Link, "Signature=([^&]+)").Groups[1].Value;
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        OssAssert.Error(await _client.GetObjectAsync(WithQuery(stored.Link, "Signature", flipped)), 403, "SignatureDoesNotMatch", "signature");
        OssAssert.Error(await _client.PutAsync(WithQuery(stored.Presigned.PresignedUrl, "Signature", flipped), [9]), 403, "SignatureDoesNotMatch");
        OssAssert.Error(await _client.GetObjectAsync(WithQuery(stored.Link, "Signature", "x")), 403, "SignatureDoesNotMatch");
        await AssertUnchanged(stored);
    }

    [Fact]
    public async Task A_changed_Expires_is_SignatureDoesNotMatch()
    {
        var stored = await StoredAsync();
        var expires = long.Parse(Regex.Match(stored.Link, "Expires=(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        OssAssert.Error(await _client.GetObjectAsync(WithQuery(stored.Link, "Expires", (expires + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            403, "SignatureDoesNotMatch");
        OssAssert.Error(await _client.GetObjectAsync(WithQuery(stored.Link, "Expires", (expires - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            403, "SignatureDoesNotMatch");
        OssAssert.Error(await _client.GetObjectAsync(WithQuery(stored.Link, "Expires", "tomorrow")), 403, "SignatureDoesNotMatch");
        OssAssert.Error(await _client.PutAsync(WithQuery(stored.Presigned.PresignedUrl, "Expires", "99999999999"), [9]), 403, "SignatureDoesNotMatch");
        await AssertUnchanged(stored);
    }

    [Fact]
    public async Task An_expired_link_with_an_extended_Expires_is_still_refused()
    {
        var stored = await StoredAsync();
        fixture.Clock.Advance(TimeSpan.FromSeconds(400));

        var extended = WithQuery(stored.Link, "Expires", fixture.Clock.GetUtcNow().AddSeconds(100).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        OssAssert.Error(await _client.GetObjectAsync(extended), 403, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Another_OSSAccessKeyId_is_AccessDenied_naming_it()
    {
        var stored = await StoredAsync();

        OssAssert.Error(await _client.GetObjectAsync(WithQuery(stored.Link, "OSSAccessKeyId", "LTAI5tAnotherKey")), 403, "AccessDenied", "OSSAccessKeyId");
        OssAssert.Error(await _client.PutAsync(WithQuery(stored.Presigned.PresignedUrl, "OSSAccessKeyId", TestServer.AccessKeyId), [9]), 403, "AccessDenied", "OSSAccessKeyId");
        await AssertUnchanged(stored);
    }

    [Fact]
    public async Task A_link_for_one_object_does_not_open_another()
    {
        var a = await StoredAsync();
        var b = await StoredAsync();

        OssAssert.Error(await _client.GetObjectAsync(PathOf(b.Link) + QueryOf(a.Link)), 403, "SignatureDoesNotMatch", "another object");
        OssAssert.Error(await _client.PutAsync(PathOf(b.Presigned.PresignedUrl) + QueryOf(a.Presigned.PresignedUrl), [9]), 403, "SignatureDoesNotMatch");
        // Nor a neighbouring path: another file name, a path below, the same path in another letter case.
        OssAssert.Error(await _client.GetObjectAsync(PathOf(a.Link).Replace("driver.zip", "driver.ZIP", StringComparison.Ordinal) + QueryOf(a.Link)), 403, "SignatureDoesNotMatch");
        OssAssert.Error(await _client.GetObjectAsync(PathOf(a.Link) + "/x.zip" + QueryOf(a.Link)), 403, "SignatureDoesNotMatch");
        OssAssert.Error(await _client.GetObjectAsync(PathOf(a.Link).Replace("/driver.zip", "/../driver.zip", StringComparison.Ordinal) + QueryOf(a.Link)), 403, "SignatureDoesNotMatch");
        await AssertUnchanged(a);
        await AssertUnchanged(b);
    }

    [Fact]
    public async Task A_PUT_link_does_not_download_and_a_GET_link_does_not_upload()
    {
        var stored = await StoredAsync();

        OssAssert.Error(await _client.GetObjectAsync(stored.Presigned.PresignedUrl), 403, "SignatureDoesNotMatch", "method");
        var head = await _client.GetObjectAsync(stored.Presigned.PresignedUrl, "HEAD");
        Assert.Equal(403, head.Status);
        Assert.Empty(head.Body);
        OssAssert.Error(await _client.PutAsync(stored.Link, [9]), 403, "SignatureDoesNotMatch", "method");
        await AssertUnchanged(stored);
    }

    [Fact]
    public async Task No_signature_at_all_is_AccessDenied_asking_for_a_presigned_link()
    {
        var stored = await StoredAsync();

        OssAssert.Error(await _client.GetObjectAsync(stored.Presigned.OssAddress), 403, "AccessDenied", "presigned");
        OssAssert.Error(await _client.PutAsync(stored.Presigned.OssAddress, [9]), 403, "AccessDenied", "presigned");
        OssAssert.Error(await _client.GetObjectAsync(WithQuery(stored.Link, "Signature", null)), 403, "AccessDenied", "Signature");
        OssAssert.Error(await _client.GetObjectAsync(WithQuery(stored.Link, "Expires", null)), 403, "AccessDenied", "Expires");
        OssAssert.Error(await _client.GetObjectAsync(WithQuery(stored.Link, "Signature", "")), 403, "AccessDenied");
        await AssertUnchanged(stored);
    }

    [Fact]
    public async Task A_valid_link_to_a_deleted_object_is_NoSuchKey()
    {
        var stored = await StoredAsync();
        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", stored.DriverId)));

        OssAssert.Error(await _client.GetObjectAsync(stored.Link), 404, "NoSuchKey");
        OssAssert.Error(await _client.PutAsync(stored.Presigned.PresignedUrl, [1]), 404, "NoSuchKey");
    }
}
