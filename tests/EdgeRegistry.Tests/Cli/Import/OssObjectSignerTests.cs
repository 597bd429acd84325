using System.Security.Cryptography;
using System.Text;
using EdgeRegistry.Cli.Admin.Import;
using EdgeRegistry.Cli.User.Client;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRegistry.Tests.Cli.Import;

/// <summary>What the import sends when a source object refuses the plain GET: OSS's V1 header signature, by hand.</summary>
public sealed class OssObjectSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public void The_retry_goes_to_the_permanent_URL_signed_over_x_oss_date_and_the_unescaped_key()
    {
        var signer = new OssObjectSigner(new AccessKeyPair("LTAIsource", "s3cret", "test"), new FakeTimeProvider(Now));
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://registry.example:8080/base/oss/driver/a%20b/config.json?Expires=1&OSSAccessKeyId=x&Signature=y");

        signer.For(request.RequestUri!.AbsoluteUri)!(request);

        Assert.Equal("http://registry.example:8080/base/oss/driver/a%20b/config.json", request.RequestUri!.AbsoluteUri);
        const string date = "Thu, 03 Dec 2026 07:08:09 GMT";
        Assert.Equal(date, Assert.Single(request.Headers.GetValues("x-oss-date")));
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("s3cret"),
            Encoding.UTF8.GetBytes($"GET\n\n\n{date}\nx-oss-date:{date}\n/oss/driver/a b/config.json")));
        Assert.Equal($"OSS LTAIsource:{expected}", request.Headers.Authorization!.ToString());
    }

    [Theory]
    [InlineData("https://bucket.oss-cn-shanghai.aliyuncs.com/driver/config.json")]
    [InlineData("http://registry.example/oss/")]
    [InlineData("ftp://registry.example/oss/driver/config.json")]
    [InlineData("not a url")]
    public void A_URL_that_names_no_object_under_oss_gets_no_signature(string url) =>
        Assert.Null(new OssObjectSigner(new AccessKeyPair("id", "secret", "test"), new FakeTimeProvider(Now)).For(url));
}
