using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Fuzzed;

/// <summary>
/// Found by the HTTP fuzzer (tests/fuzz): the object route's catch-all also matches <c>/oss</c> itself, and cutting
/// the <c>/oss/</c> prefix off that shorter path threw, an empty 500 on PUT, GET and HEAD without any credentials.
/// </summary>
public sealed class ObjectPrefixPathTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("GET", "/oss")]
    [InlineData("HEAD", "/oss")]
    [InlineData("PUT", "/oss")]
    [InlineData("GET", "/oss?Expires=1&OSSAccessKeyId=x&Signature=y")]
    [InlineData("PUT", "/OSS")]
    public async Task The_bare_prefix_is_an_OSS_error_not_a_500(string method, string path)
    {
        var response = await fixture.Client.GetObjectAsync(new Uri(fixture.Server.BaseUri, path).ToString(), method);

        Assert.InRange(response.Status, 400, 499);
    }
}
