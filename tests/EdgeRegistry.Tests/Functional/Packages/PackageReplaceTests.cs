using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Packages;

/// <summary>
/// README "Replacing a package": a new PUT to the same address replaces the object atomically; readers see the old or
/// the new bytes, never a mix. Readers download the version's package over and over while one writer uploads four
/// different packages in turn to its address; every download must be one of the four whole, headers included.
/// </summary>
public sealed class PackageReplaceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Readers = 4;
    private const int Replacements = 40;

    private readonly RpcTestClient _client = fixture.Client;

    /// <summary>A download is never a mix of two packages, and never a 404 (a reader that found the old blob just before it was deleted looks again).</summary>
    [Fact]
    public async Task A_download_during_replacements_always_gets_one_of_the_packages_whole()
    {
        byte[][] versions = [.. Enumerable.Range(0, 4).Select(_ => PackageCalls.RandomBytes(512 * 1024))];
        var whole = versions.ToDictionary(PackageCalls.Sha256Hex, PackageCalls.ETagOf);
        var id = await _client.CreateDriverAsync();
        var presigned = await _client.PresignAsync(id, "1.0");
        Assert.Equal(200, (await _client.PutAsync(presigned.PresignedUrl, versions[0])).Status);
        await _client.CreateVersionAsync(id, "1.0", ("SourceConfig", PackageCalls.SourceConfig(presigned.OssAddress)));
        var link = await _client.TemporaryAddressAsync(id, "1.0");

        using var writing = new CancellationTokenSource();
        var reads = 0;
        async Task ReadUntilDoneAsync()
        {
            while (!writing.IsCancellationRequested)
            {
                var get = await _client.GetObjectAsync(link);
                Assert.True(get.Status == 200, $"A download during a replacement answered {get}");
                var sha256 = PackageCalls.Sha256Hex(get.Body);
                Assert.True(whole.TryGetValue(sha256, out var etag), $"A download of {get.Body.Length} bytes is none of the uploaded packages.");
                Assert.Equal((sha256, etag), (get.Header("x-oss-hash-sha256"), get.Header("etag")));
                Interlocked.Increment(ref reads);
            }
        }

        async Task ReplaceThenStopAsync()
        {
            try
            {
                for (var i = 1; i <= Replacements; i++)
                {
                    var put = await _client.PutAsync(presigned.PresignedUrl, versions[i % versions.Length]);
                    Assert.True(put.Status == 200, put.ToString());
                }
            }
            finally
            {
                await writing.CancelAsync();
            }
        }

        await Task.WhenAll([ReplaceThenStopAsync(), .. Enumerable.Range(0, Readers).Select(_ => Task.Run(ReadUntilDoneAsync))]);

        Assert.True(reads >= Readers, $"Only {reads} whole downloads overlapped the replacements.");
        OssAssert.Object(await _client.GetObjectAsync(link), versions[Replacements % versions.Length]);
    }
}
