using System.Net.Http.Headers;
using System.Xml.Linq;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli.User.Transfer;

/// <summary>
/// Moves package bytes to and from the object store's presigned links, streaming (never holding a file in memory),
/// with progress, and checks them against the digests the store reports.
/// </summary>
public sealed class ObjectTransfer(HttpClient http, AdminEnvironment environment)
{
    private const int BufferSize = 81920;

    /// <summary>PUTs <paramref name="file"/> to a presigned link.</summary>
    public async Task<TransferResult> UploadAsync(Uri presignedUrl, string file, CancellationToken cancellationToken)
    {
        await using var source = OpenForReading(file);
        using var digests = new TransferDigests();
        var length = source.Length;
        return await TransferProgress.For(environment).RunAsync($"upload {Path.GetFileName(file)}", length, async report =>
        {
            using var content = new StreamContent(new DigestingReadStream(source, digests, report), BufferSize);
            content.Headers.ContentLength = length;
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var request = new HttpRequestMessage(HttpMethod.Put, presignedUrl) { Content = content };
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            await EnsureSuccessAsync(response, "the upload", cancellationToken);
            return digests.Check(response, "the upload");
        });
    }

    /// <summary>GETs a link into <paramref name="destination"/>, which appears only once every byte arrived and checked out.</summary>
    public Task<TransferResult> DownloadAsync(Uri url, string destination, CancellationToken cancellationToken) =>
        DownloadAsync(url, destination, signWhenForbidden: null, cancellationToken);

    /// <summary>
    /// As <see cref="DownloadAsync(Uri, string, CancellationToken)"/>; when the store answers 403 to the plain GET and
    /// <paramref name="signWhenForbidden"/> is given, asks once more with the request it signs (an owner's AccessKey).
    /// </summary>
    public async Task<TransferResult> DownloadAsync(Uri url, string destination, Action<HttpRequestMessage>? signWhenForbidden, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(url, signWhenForbidden, cancellationToken);
        await EnsureSuccessAsync(response, "the download", cancellationToken);
        var full = Path.GetFullPath(destination);
        var partial = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.part");
        try
        {
            using var digests = new TransferDigests();
            await using (var target = CreateForWriting(partial, destination))
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                await TransferProgress.For(environment).RunAsync($"download {Path.GetFileName(full)}", response.Content.Headers.ContentLength, async report =>
                {
                    var buffer = new byte[BufferSize];
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        digests.Append(buffer.AsSpan(0, read));
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        report(digests.Bytes);
                    }

                    return true;
                });
            }

            var result = digests.Check(response, "the download");
            File.Move(partial, full, overwrite: true);
            return result;
        }
        catch (IOException e)
        {
            throw new AdminCliException(ExitCodes.Failed, $"the download did not complete: {e.Message}");
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    private async Task<HttpResponseMessage> GetAsync(Uri url, Action<HttpRequestMessage>? signWhenForbidden, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Forbidden || signWhenForbidden is null)
        {
            return response;
        }

        response.Dispose();
        using var signed = new HttpRequestMessage(HttpMethod.Get, url);
        signWhenForbidden(signed);
        return await SendAsync(signed, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            // The object store may sit behind another address than the API (a public URL): name the one that failed.
            throw new AdminCliException(ExitCodes.ServerUnreachable, $"cannot reach the object store at {request.RequestUri!.GetLeftPart(UriPartial.Authority)}: {e.Message}");
        }
    }

    /// <summary>An object store error is XML (<c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;</c>); its status picks the exit code.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        string? code = null, message = null;
        try
        {
            var error = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).Root;
            code = error?.Element("Code")?.Value;
            message = error?.Element("Message")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            // Not the store's error shape (a proxy answered); the status line still says what happened.
        }

        throw new AdminCliException(AdminLeafCommand.ExitCodeFor(response.StatusCode),
            $"{what} failed: {message ?? response.ReasonPhrase} ({(code is null ? "" : code + ", ")}HTTP {status})");
    }

    private static FileStream OpenForReading(string file)
    {
        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AdminCliException.Usage($"cannot read the package: {e.Message}");
        }
    }

    private static FileStream CreateForWriting(string partial, string destination)
    {
        try
        {
            return new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AdminCliException.Usage($"cannot write {destination}: {e.Message}");
        }
    }
}
