using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeRegistry.Tests.Cli;

/// <summary>One request as it reached the stub: the raw target, so escaping is visible.</summary>
public sealed record RecordedRequest(string Method, string Target, string? Authorization, string? ContentType, string Body);

/// <summary>A canned answer: status, JSON body (or none) and extra headers.</summary>
public sealed record StubResponse(int Status, string? Json = null, string? ContentType = "application/json; charset=utf-8");

/// <summary>
/// A Kestrel server on a loopback port that records every request and answers each with <see cref="Next"/>.
/// It stands in for the admin API, so the CLI's requests can be checked byte for byte without the real server.
/// </summary>
public sealed class AdminStubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private AdminStubServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public StubResponse Next { get; set; } = new(204);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public RecordedRequest Single() => Assert.Single(_requests);

    public static async Task<AdminStubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var stub = new AdminStubServer(builder.Build());
        stub._app.Run(stub.HandleAsync);
        await stub._app.StartAsync();
        var address = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.Url = new Uri(address);
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Features.Get<IHttpRequestFeature>()!.RawTarget,
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            context.Request.ContentType,
            body));

        var answer = Next;
        context.Response.StatusCode = answer.Status;
        if (answer.Status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        if (answer.Json is not null)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Json);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
