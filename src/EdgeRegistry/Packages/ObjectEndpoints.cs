using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using EdgeRegistry.Hosting;
using EdgeRegistry.Observability;

namespace EdgeRegistry.Packages;

/// <summary>
/// The object store's side of the protocol: <c>PUT</c> to a presigned link stores the bytes, <c>GET</c>/<c>HEAD</c> of a
/// presigned link returns them (with Range support). Nothing is served without a valid link.
/// </summary>
public static class ObjectEndpoints
{
    private const string Route = PackageLinks.PathPrefix + "{**key}";

    public static void Map(WebApplication app)
    {
        app.MapMethods(Route, [HttpMethods.Put], UploadAsync);
        app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], DownloadAsync);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, PackageLinks links, IObjectCatalog catalog, IBlobStore blobs,
        ServerSettings settings, TimeProvider time, ILoggerFactory logs, RegistryMetrics metrics)
    {
        var key = KeyOf(http);
        if (links.Check(HttpMethods.Put, key, http.Request.Query) is var check and not LinkCheck.Ok)
        {
            return OssErrors.ForLink(http, check);
        }

        if (await catalog.FindAsync(key, http.RequestAborted) is null)
        {
            return OssErrors.Write(http, 404, "NoSuchKey", "The object was deleted: ask CreateEdgeOssPreSignedAddress for a new link.");
        }

        byte[]? md5 = null;
        if (http.Request.Headers.ContentMD5 is { Count: > 0 } header && (md5 = DecodeMd5(header.ToString())) is null)
        {
            return OssErrors.Write(http, 400, "InvalidDigest", "Content-MD5 is not the base64 of a 16-byte MD5 digest.");
        }

        // Our own limit applies instead of Kestrel's 30 MB default; the body is streamed to disk, never buffered.
        http.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
        var blobId = RandomNumberGenerator.GetHexString(32, lowercase: true);
        BlobWritten written;
        try
        {
            written = await blobs.WriteAsync(blobId, http.Request.Body, http.Request.ContentLength, settings.MaxPackageBytes, md5, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-upload; the blob store kept nothing and there is nobody to answer.
            return Results.Empty;
        }
        catch (BlobWriteException e)
        {
            return e.Error switch
            {
                BlobWriteError.TooLarge => OssErrors.Write(http, 400, "EntityTooLarge",
                    $"Your proposed upload exceeds the maximum allowed size of {settings.MaxPackageBytes} bytes."),
                BlobWriteError.BadDigest => OssErrors.Write(http, 400, "BadDigest", "The Content-MD5 you specified did not match what we received."),
                _ => OssErrors.Write(http, 400, "IncompleteBody", "The request body ended before its Content-Length: nothing was stored."),
            };
        }

        var contentType = PackageContentType.ForUpload(http.Request.ContentType);
        var (outcome, replaced) = await catalog.CommitUploadAsync(key, blobId, written, contentType, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
        if (outcome != CommitOutcome.Ok)
        {
            await blobs.DeleteAsync(blobId, CancellationToken.None);
            return outcome == CommitOutcome.Published
                ? OssErrors.Write(http, 403, "AccessDenied", "The object is the package of a published driver version, which is immutable.")
                : OssErrors.Write(http, 404, "NoSuchKey", "The object was deleted while it was being uploaded.");
        }

        if (replaced is not null)
        {
            await blobs.DeleteAsync(replaced, CancellationToken.None);
        }

        metrics.Uploaded(written.Length);
        logs.CreateLogger("EdgeRegistry.Packages").LogInformation("Stored {Key}: {Length} bytes, sha256 {Sha256}", key, written.Length, written.Sha256Hex);
        http.Response.Headers.ETag = ETag(written.Md5Hex);
        http.Response.Headers["x-oss-hash-sha256"] = written.Sha256Hex;
        return Results.Ok();
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, PackageLinks links, IObjectCatalog catalog, IBlobStore blobs, RegistryMetrics metrics)
    {
        var key = KeyOf(http);
        if (links.Check(HttpMethods.Get, key, http.Request.Query) is var check and not LinkCheck.Ok)
        {
            return OssErrors.ForLink(http, check);
        }

        // A replacement deletes the old blob right after the catalog names the new one, so a reader that found the old
        // id just before may find its file gone: the catalog then names the new one. An open file stays readable.
        StoredObject? stored = null;
        Stream? content = null;
        for (var attempt = 0; attempt < 3 && content is null; attempt++)
        {
            stored = await catalog.FindAsync(key, http.RequestAborted);
            if (stored is not { IsUploaded: true })
            {
                break;
            }

            content = blobs.OpenRead(stored.BlobId!);
        }

        if (stored is not { IsUploaded: true } || content is null)
        {
            return OssErrors.Write(http, 404, "NoSuchKey", "The specified key does not exist: nothing was uploaded to it.");
        }

        http.Response.Headers["x-oss-hash-sha256"] = stored.Sha256Hex;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = stored.FileName, FileNameStar = stored.FileName }.ToString();
        return Results.Stream(new CountingReadStream(content, metrics), PackageContentType.ForDownload(stored.ContentType), fileDownloadName: null,
            lastModified: DateTimeOffset.FromUnixTimeMilliseconds(stored.UploadedMs),
            entityTag: new EntityTagHeaderValue(ETag(stored.Md5Hex)), enableRangeProcessing: true);
    }

    private static string KeyOf(HttpContext http) => http.Request.Path.Value![PackageLinks.PathPrefix.Length..];

    /// <summary>OSS's ETag: the MD5 in upper-case hex, quoted.</summary>
    private static string ETag(string md5Hex) => "\"" + md5Hex.ToUpperInvariant() + "\"";

    private static byte[]? DecodeMd5(string value)
    {
        var buffer = new byte[16];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 16 ? buffer : null;
    }
}
