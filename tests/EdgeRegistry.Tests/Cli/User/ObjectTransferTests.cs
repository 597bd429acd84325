using System.Security.Cryptography;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.User.Transfer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeRegistry.Tests.Cli.User;

/// <summary>
/// The digest check of transfers, against an object store that lies or stays silent: a stub, since the real
/// server always reports the right SHA-256. A download that fails its check leaves no file behind.
/// </summary>
public sealed class ObjectTransferTests : IAsyncLifetime
{
    private static readonly byte[] Bytes = RandomNumberGenerator.GetBytes(100_000);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "edgereg-transfer-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private Uri _url = null!;

    /// <summary>The status and headers the stub answers with; each test sets its own.</summary>
    private Action<HttpResponse> _headers = _ => { };

    /// <summary>An error body instead of the bytes, when the status is an error.</summary>
    private string? _errorBody;

    /// <summary>The Authorization header of each GET, in order (empty: none).</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _authorizations = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            if (HttpMethods.IsPut(context.Request.Method))
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
            }

            if (HttpMethods.IsGet(context.Request.Method))
            {
                _authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            }

            _headers(context.Response);
            if (_errorBody is not null && context.Response.StatusCode >= 400)
            {
                await context.Response.WriteAsync(_errorBody);
            }
            else if (HttpMethods.IsGet(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(Bytes);
            }
        });
        await _app.StartAsync();
        _url = new Uri(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/oss/driver.zip");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private ObjectTransfer Transfer()
    {
        var environment = new AdminEnvironment
        {
            Out = TextWriter.Null,
            CreateTerminal = () => throw new InvalidOperationException("no tables here"),
            Error = TextWriter.Null,
            In = TextReader.Null,
            GetVariable = _ => null,
        };
        return new ObjectTransfer(new HttpClient(), environment);
    }

    [Fact]
    public async Task A_download_whose_SHA256_differs_from_the_servers_fails_and_leaves_no_file()
    {
        _headers = r => r.Headers["x-oss-hash-sha256"] = new string('0', 64);
        var target = Path.Combine(_folder, "copy.zip");

        var e = await Assert.ThrowsAsync<AdminCliException>(() => Transfer().DownloadAsync(_url, target, CancellationToken.None));

        Assert.Equal(1, e.ExitCode);
        Assert.StartsWith($"the download: the server's SHA-256 is {new string('0', 64)} but the bytes here have {Hex(SHA256.HashData(Bytes))}", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task Without_a_SHA256_header_an_MD5_ETag_is_checked()
    {
        _headers = r => r.Headers.ETag = "\"" + Convert.ToHexString(MD5.HashData(Bytes)) + "\"";

        var result = await Transfer().DownloadAsync(_url, Path.Combine(_folder, "copy.zip"), CancellationToken.None);

        Assert.Equal(DigestCheck.Md5, result.CheckedAgainst);
        Assert.Equal(Bytes, await File.ReadAllBytesAsync(Path.Combine(_folder, "copy.zip")));
    }

    [Fact]
    public async Task A_wrong_MD5_ETag_fails_the_download()
    {
        _headers = r => r.Headers.ETag = "\"" + new string('A', 32) + "\"";

        var e = await Assert.ThrowsAsync<AdminCliException>(() => Transfer().DownloadAsync(_url, Path.Combine(_folder, "copy.zip"), CancellationToken.None));

        Assert.Contains("MD5 (ETag)", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task A_multipart_ETag_or_none_at_all_leaves_the_download_unchecked_not_failed()
    {
        _headers = r => r.Headers.ETag = "\"0123456789ABCDEF0123456789ABCDEF-3\"";

        var result = await Transfer().DownloadAsync(_url, Path.Combine(_folder, "copy.zip"), CancellationToken.None);

        Assert.Equal(DigestCheck.None, result.CheckedAgainst);
        Assert.Equal(Hex(SHA256.HashData(Bytes)), result.Sha256Hex);
    }

    [Fact]
    public async Task An_upload_the_server_hashes_differently_fails()
    {
        var file = Path.Combine(_folder, "driver.zip");
        await File.WriteAllBytesAsync(file, Bytes);
        _headers = r => r.Headers["x-oss-hash-sha256"] = new string('f', 64);

        var e = await Assert.ThrowsAsync<AdminCliException>(() => Transfer().UploadAsync(_url, file, CancellationToken.None));

        Assert.Equal(1, e.ExitCode);
        Assert.StartsWith("the upload: the server's SHA-256 is ffff", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_store_error_names_its_code_and_maps_its_status()
    {
        _headers = r =>
        {
            r.StatusCode = 403;
            r.ContentType = "application/xml";
        };
        _errorBody = "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>";

        var e = await Assert.ThrowsAsync<AdminCliException>(() => Transfer().DownloadAsync(_url, Path.Combine(_folder, "x.zip"), CancellationToken.None));

        Assert.Equal(5, e.ExitCode);
        Assert.Equal("the download failed: Request has expired. (AccessDenied, HTTP 403)", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    private void ForbiddenUnless(Func<string, bool> accepted)
    {
        _headers = r =>
        {
            if (!accepted(r.HttpContext.Request.Headers.Authorization.ToString()))
            {
                r.StatusCode = 403;
                r.ContentType = "application/xml";
            }
        };
        _errorBody = "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>This object is not public.</Message></Error>";
    }

    [Fact]
    public async Task A_403_to_the_plain_GET_is_asked_once_more_signed_and_then_read()
    {
        ForbiddenUnless(authorization => authorization == "OSS id:signed");
        var target = Path.Combine(_folder, "config.json");

        await Transfer().DownloadAsync(_url, target, r => r.Headers.TryAddWithoutValidation("Authorization", "OSS id:signed"), CancellationToken.None);

        Assert.Equal(Bytes, await File.ReadAllBytesAsync(target));
        Assert.Equal(["", "OSS id:signed"], _authorizations);
    }

    [Fact]
    public async Task A_signed_GET_refused_too_fails_after_one_retry_and_leaves_no_file()
    {
        ForbiddenUnless(_ => false);

        var e = await Assert.ThrowsAsync<AdminCliException>(() => Transfer().DownloadAsync(_url, Path.Combine(_folder, "x.json"),
            r => r.Headers.TryAddWithoutValidation("Authorization", "OSS id:signed"), CancellationToken.None));

        Assert.Equal("the download failed: This object is not public. (AccessDenied, HTTP 403)", e.Message);
        Assert.Equal(["", "OSS id:signed"], _authorizations);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task Without_a_signer_a_403_is_not_retried()
    {
        ForbiddenUnless(_ => false);

        await Assert.ThrowsAsync<AdminCliException>(() => Transfer().DownloadAsync(_url, Path.Combine(_folder, "x.json"), CancellationToken.None));

        Assert.Equal([""], _authorizations);
    }

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);
}
