using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using EdgeRegistry.Hosting;
using EdgeRegistry.Storage;
using EdgeRegistry.Observability;

namespace EdgeRegistry.Packages;

/// <summary>
/// The object store's side of the protocol: <c>PUT</c> to a presigned link stores the bytes, <c>GET</c>/<c>HEAD</c> of a
/// presigned link returns them (with Range support). A read may instead carry OSS's header signature made with the
/// owning account's AccessKey (<see cref="OssHeaderAuthenticator"/>); a write never. Nothing is served otherwise.
/// </summary>
public static class ObjectEndpoints
{
    private const string Route = PackageLinks.PathPrefix + "{**key}";

    public static void Map(WebApplication app)
    {
        app.MapMethods(Route, [HttpMethods.Put], UploadAsync).AddEndpointFilter(AnswerUnavailableAsync);
        app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], DownloadAsync).AddEndpointFilter(AnswerUnavailableAsync);
    }

    /// <summary>A backend that is down is OSS's 503 ServiceUnavailable in its XML shape, not a 500.</summary>
    private static async ValueTask<object?> AnswerUnavailableAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (StoreFailures.IsUnavailable(e) && !context.HttpContext.Response.HasStarted)
        {
            var http = context.HttpContext;
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeRegistry.Packages")
                .LogWarning(e, "{Method} {Path} found a backend unavailable", http.Request.Method, http.Request.Path);
            return OssErrors.Write(http, 503, "ServiceUnavailable", "Please reduce your request frequency or try again later: the storage did not answer in time.");
        }
    }

    private static async Task<IResult> UploadAsync(HttpContext http, PackageLinks links, IObjectCatalog catalog, IBlobStore blobs,
        ServerSettings settings, TimeProvider time, ILoggerFactory logs, RegistryMetrics metrics)
    {
        var key = KeyOf(http);
        if (OssHeaderAuthenticator.IsHeaderSigned(http.Request))
        {
            // An AccessKey signature has no nonce and no expiry of its own: only presigned links, which name the method, may write.
            return OssErrors.Write(http, 403, "AccessDenied",
                "An upload needs a presigned link from CreateEdgeOssPreSignedAddress; the Authorization header is accepted for GET and HEAD only.");
        }

        if (links.Check(HttpMethods.Put, key, http.Request.Query) is var check and not LinkCheck.Ok)
        {
            return OssErrors.ForLink(http, check);
        }

        if (await catalog.FindAsync(key, http.RequestAborted) is not { } existing)
        {
            return OssErrors.Write(http, 404, "NoSuchKey", "The object was deleted: ask CreateEdgeOssPreSignedAddress for a new link.");
        }

        // Early, on the announced length, so a body that cannot fit is not streamed first; the commit checks again.
        var usage = await catalog.StorageUsageAsync(existing.AccountId, http.RequestAborted);
        if (!usage.Allows(http.Request.ContentLength ?? 0, existing.IsUploaded ? existing.Length : 0))
        {
            return StorageErrors.QuotaExceeded(http, usage);
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
        catch (Exception e) when (StorageErrors.IsDiskFull(e))
        {
            // The blob store removed its temp file; reads go on, they need no space.
            logs.CreateLogger("EdgeRegistry.Packages").LogError("Upload of {Key} refused: the disk is full ({Message})", key, e.Message);
            return StorageErrors.DiskFull(http);
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
        CommitOutcome outcome;
        string? replaced;
        try
        {
            (outcome, replaced) = await catalog.CommitUploadAsync(key, blobId, written, contentType, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
        }
        catch (Exception e) when (StorageErrors.IsDiskFull(e))
        {
            await blobs.DeleteAsync(blobId, CancellationToken.None);
            logs.CreateLogger("EdgeRegistry.Packages").LogError("Upload of {Key} refused: the disk is full ({Message})", key, e.Message);
            return StorageErrors.DiskFull(http);
        }

        if (outcome != CommitOutcome.Ok)
        {
            await blobs.DeleteAsync(blobId, CancellationToken.None);
            return outcome switch
            {
                CommitOutcome.Published => OssErrors.Write(http, 403, "AccessDenied", "The object is the package of a published driver version, which is immutable."),
                CommitOutcome.StorageLimitExceeded => StorageErrors.QuotaExceeded(http, await catalog.StorageUsageAsync(existing.AccountId, CancellationToken.None)),
                _ => OssErrors.Write(http, 404, "NoSuchKey", "The object was deleted while it was being uploaded."),
            };
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

    private static async Task<IResult> DownloadAsync(HttpContext http, PackageLinks links, OssHeaderAuthenticator headers, IObjectCatalog catalog,
        IBlobStore blobs, RegistryMetrics metrics)
    {
        var key = KeyOf(http);
        string? owner = null;
        if (OssHeaderAuthenticator.IsHeaderSigned(http.Request))
        {
            var authentication = await headers.AuthenticateAsync(http, key, http.RequestAborted);
            if (authentication.Refusal is { } refusal)
            {
                return refusal;
            }

            owner = authentication.AccountId;
        }
        else if (links.Check(HttpMethods.Get, key, http.Request.Query) is var check and not LinkCheck.Ok)
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
            // Another tenant's object answers like a missing one, so a key cannot probe what other accounts store.
            if (stored is not { IsUploaded: true } || (owner is not null && stored.AccountId != owner))
            {
                stored = null;
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

    // The route's catch-all also matches "/oss" itself, shorter than the prefix: that is the empty key, not a crash.
    private static string KeyOf(HttpContext http) =>
        http.Request.Path.Value is { } path && path.Length > PackageLinks.PathPrefix.Length ? path[PackageLinks.PathPrefix.Length..] : "";

    /// <summary>OSS's ETag: the MD5 in upper-case hex, quoted.</summary>
    private static string ETag(string md5Hex) => "\"" + md5Hex.ToUpperInvariant() + "\"";

    private static byte[]? DecodeMd5(string value)
    {
        var buffer = new byte[16];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 16 ? buffer : null;
    }
}
