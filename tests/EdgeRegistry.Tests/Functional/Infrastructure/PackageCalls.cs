using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeRegistry.Packages;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>What CreateEdgeOssPreSignedAddress handed out: the object's permanent URL and the link to PUT it to.</summary>
public sealed record PresignedObject(string OssAddress, string PresignedUrl);

/// <summary>
/// The package steps most tests take on the way: presign (CreateEdgeOssPreSignedAddress), PUT the bytes to the
/// presigned link with plain HTTP, and build the SourceConfig / FILE DriverConfig that name the uploaded object.
/// </summary>
public static class PackageCalls
{
    public const string PackageType = "DRIVER_VERSION_CONTENT";
    public const string DefaultConfigType = "DRIVER_VERSION_DEFAULT_CONFIG";
    public const string InstanceConfigType = "INSTANCE_DRIVER_VERSION_CONFIG";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task<RpcResponse> PresignRawAsync(this RpcTestClient client, params (string Name, string Value)[] parameters) =>
        client.CallAsync("CreateEdgeOssPreSignedAddress", parameters);

    /// <summary>Presigns one object and asserts it succeeded.</summary>
    public static async Task<PresignedObject> PresignAsync(this RpcTestClient client, string driverId, string version,
        string type = PackageType, string fileName = "driver.zip", params (string Name, string Value)[] more)
    {
        var response = RpcAssert.Success(await client.PresignRawAsync(
            [("Type", type), ("ResourceId", driverId), ("ResourceVersion", version), ("FileName", fileName), .. more]));
        var data = response.Data;
        return new PresignedObject(data.GetProperty("OssAddress").GetString()!, data.GetProperty("OssPreSignedAddress").GetString()!);
    }

    /// <summary>A PUT of <paramref name="body"/> to a link, as any plain HTTP client sends it.</summary>
    public static async Task<ObjectResponse> PutAsync(this RpcTestClient client, string url, byte[] body, string? contentType = null,
        string? contentMd5 = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (contentMd5 is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-MD5", contentMd5);
        }

        return await client.SendObjectAsync(request);
    }

    public static async Task<ObjectResponse> GetObjectAsync(this RpcTestClient client, string url, string method = "GET",
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        foreach (var (name, value) in headers)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value));
        }

        return await client.SendObjectAsync(request);
    }

    public static async Task<ObjectResponse> SendObjectAsync(this RpcTestClient client, HttpRequestMessage request)
    {
        using var answer = await client.Http.SendAsync(request);
        var headers = answer.Headers.NonValidated.Concat(answer.Content.Headers.NonValidated)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value), StringComparer.Ordinal);
        return new ObjectResponse((int)answer.StatusCode, headers, await answer.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Presigns, uploads <paramref name="bytes"/> (default: a small random package) and returns the OssAddress.</summary>
    public static async Task<string> UploadAsync(this RpcTestClient client, string driverId, string version, byte[]? bytes = null,
        string type = PackageType, string? fileName = null)
    {
        var presigned = await client.PresignAsync(driverId, version, type, fileName ?? (type == PackageType ? "driver.zip" : "config.json"));
        var put = await client.PutAsync(presigned.PresignedUrl, bytes ?? RandomBytes(1000));
        Assert.True(put.Status == 200, $"PUT {presigned.PresignedUrl}: {put}");
        return presigned.OssAddress;
    }

    public static Task<string> UploadPackageAsync(this RpcTestClient client, string driverId, string version, byte[]? bytes = null) =>
        client.UploadAsync(driverId, version, bytes);

    public static Task<string> UploadDefaultConfigAsync(this RpcTestClient client, string driverId, string version, byte[]? bytes = null) =>
        client.UploadAsync(driverId, version, bytes ?? Encoding.UTF8.GetBytes("{\"port\":502}"), DefaultConfigType);

    /// <summary>
    /// A GET link to any object, minted with the server's own link signer: the only way to look at an object no
    /// version names yet (no operation hands out a download link for it).
    /// </summary>
    public static string DownloadLink(this TestServer server, string ossAddress)
    {
        // The key is the path after "/oss/", whatever base (a public URL's path) comes before it.
        var path = new Uri(ossAddress).AbsolutePath;
        var key = Uri.UnescapeDataString(path[(path.IndexOf("/oss/", StringComparison.Ordinal) + "/oss/".Length)..]);
        return server.Services.GetRequiredService<PackageLinks>().Presigned(key, "GET");
    }

    /// <summary>The temporaryOssAddress of a version, as QueryEdgeDriverVersion lists it (fails when there is none).</summary>
    public static async Task<string> TemporaryAddressAsync(this RpcTestClient client, string driverId, string version)
    {
        var source = (await client.FindVersionAsync(driverId, version)).GetProperty("SourceConfig").GetString()!;
        return TemporaryAddress(source) ?? throw new Xunit.Sdk.XunitException($"No temporaryOssAddress in {source}");
    }

    public static string SourceConfig(string ossAddress) => $"{{\"ossAddress\":{Quote(ossAddress)}}}";

    public static string FileConfig(string ossAddress) => $"[{{\"format\":\"FILE\",\"content\":{Quote(ossAddress)}}}]";

    /// <summary>A JSON string literal, escaped as little as the server escapes (no \u for &amp; or non-ASCII).</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, Relaxed);

    public static byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>OSS's ETag: the MD5 in upper-case hex, quoted.</summary>
    public static string ETagOf(byte[] bytes) => "\"" + Convert.ToHexString(MD5.HashData(bytes)) + "\"";

    /// <summary>The <c>temporaryOssAddress</c> of a returned SourceConfig, or null.</summary>
    public static string? TemporaryAddress(string sourceConfig)
    {
        if (sourceConfig.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(sourceConfig);
        return document.RootElement.TryGetProperty("temporaryOssAddress", out var link) ? link.GetString() : null;
    }

    /// <summary>A version as listed, as JSON text, with <c>temporaryOssAddress</c> taken out of its SourceConfig.</summary>
    public static string WithoutTemporaryAddress(JsonElement version)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(version.GetRawText())!.AsObject();
        if (node["SourceConfig"]?.GetValue<string>() is { Length: > 0 } source)
        {
            var config = System.Text.Json.Nodes.JsonNode.Parse(source)!.AsObject();
            config.Remove("temporaryOssAddress");
            node["SourceConfig"] = config.ToJsonString(Relaxed);
        }

        return node.ToJsonString(Relaxed);
    }

    /// <summary>
    /// A returned SourceConfig is the given one, byte for byte, with <c>temporaryOssAddress</c> added as its last
    /// field (the given value must be compact JSON); returns that link.
    /// </summary>
    public static string AssertSourceConfig(string given, string returned)
    {
        var link = TemporaryAddress(returned);
        Assert.True(link is not null, $"No temporaryOssAddress in {returned}");
        var head = given.TrimEnd()[..^1];
        var separator = head.TrimEnd().EndsWith('{') ? "" : ",";
        Assert.Equal(head + separator + "\"temporaryOssAddress\":" + Quote(link) + "}", returned);
        return link;
    }
}

/// <summary>One answer of an object URL: status, headers (lower-case names), the body bytes.</summary>
public sealed record ObjectResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public override string ToString() =>
        $"HTTP {Status} {Header("content-type")}\n{(Header("content-type") is { } type && (type.Contains("xml", StringComparison.Ordinal) || type.StartsWith("text/", StringComparison.Ordinal)) ? Text : $"({Body.Length} bytes)")}";
}
