using System.Globalization;
using System.Security.Cryptography;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Cli.User.Transfer;

namespace EdgeRegistry.Cli.Admin.Import;

/// <summary>A file of the source as the import holds it: downloaded to a temporary path, with its SHA-256.</summary>
public sealed record SourceFile(string Path, string FileName, long Length, string Sha256Hex);

/// <summary>
/// The source registry, read through its public RPC API only (so it may be Alibaba Cloud or another EdgeRegistry),
/// with the user CLI's signed client: its Throttling.User back-off paces the import to the source's quota. A file the
/// source refuses without a signature (an EdgeRegistry FILE config) is asked for once more, signed by <paramref name="signer"/>.
/// </summary>
public sealed class ImportSource(IotRpc rpc, ObjectTransfer transfer, HttpClient http, OssObjectSigner signer, string workDir)
{
    private readonly IotClient _client = new(rpc);
    private int _files;

    public Task<List<IotDriver>> CustomDriversAsync(CancellationToken cancellationToken) =>
        IotPaging.AllAsync(page => _client.QueryDriversAsync(null, page, cancellationToken), d => d.DriverId);

    /// <summary>Official drivers (Type 0): listed so the summary can name what is not imported.</summary>
    public Task<List<IotDriver>> OfficialDriversAsync(CancellationToken cancellationToken) =>
        IotPaging.AllAsync(async page =>
        {
            var root = await rpc.CallAsync("QueryEdgeDriver",
                [new("CurrentPage", page.ToString(CultureInfo.InvariantCulture)), new("PageSize", IotClient.MaxPageSize.ToString(CultureInfo.InvariantCulture)), new("Type", "0")],
                cancellationToken);
            var data = root.GetProperty("Data");
            var list = data.TryGetProperty("DriverList", out var items) && items.ValueKind == System.Text.Json.JsonValueKind.Array
                ? items.EnumerateArray().Select(i => System.Text.Json.JsonSerializer.Deserialize<IotDriver>(i, IotJson.Wire)!).ToList()
                : [];
            return new IotPage<IotDriver>(page, IotClient.MaxPageSize, data.GetProperty("Total").GetInt32(), list);
        }, d => d.DriverId);

    /// <summary>Every version of a driver, oldest first, so the target lists them in the source's order.</summary>
    public async Task<List<IotDriverVersion>> VersionsAsync(string driverId, CancellationToken cancellationToken)
    {
        var all = await IotPaging.AllAsync(page => _client.QueryVersionsAsync(driverId, null, null, page, cancellationToken), v => v.DriverVersion);
        return [.. all.OrderBy(v => v.GmtCreateTimestamp).ThenBy(v => v.DriverVersion, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The SHA-256 the object store reports for a link without downloading (EdgeRegistry answers HEAD with
    /// <c>x-oss-hash-sha256</c>); null when it does not say, and the file must be fetched to know.
    /// </summary>
    public async Task<string?> ReportedSha256Async(string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode && response.Headers.TryGetValues("x-oss-hash-sha256", out var values)
                ? values.FirstOrDefault()?.ToLowerInvariant()
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// Downloads a file (a package's temporary link, or a FILE config's URL), checked against the digest the store
    /// reports; a 403 to the plain GET is asked once more with the source AccessKey's OSS header signature.
    /// </summary>
    public async Task<SourceFile> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var name = FileNameOf(url);
        var path = Path.Combine(workDir, $"{Interlocked.Increment(ref _files)}-{name}");
        var result = await transfer.DownloadAsync(new Uri(url), path, signer.For(url), cancellationToken);
        string sha256;
        await using (var stream = File.OpenRead(path))
        {
            // The transfer computed it already, but a store that reports nothing left it unchecked: this is the file on disk.
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        return new SourceFile(path, name, result.Bytes, sha256);
    }

    /// <summary>The last segment of the URL's path: the name the file was uploaded under.</summary>
    public static string FileNameOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && Uri.UnescapeDataString(uri.Segments[^1]) is { Length: > 0 } last && !last.EndsWith('/')
            ? last
            : "file.bin";
}
