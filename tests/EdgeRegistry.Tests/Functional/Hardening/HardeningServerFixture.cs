using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.Tests.Functional.Tenancy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using EdgeRegistry.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// A server whose request log is captured, and whose minimum request body data rate is met within seconds, not
/// Kestrel's 5 s grace: 100 bytes per second after 2 s (Kestrel refuses a grace period of 1 s or less).
/// </summary>
public sealed class HardeningServerFixture : ServerFixture
{
    public static readonly TimeSpan BodyGracePeriod = TimeSpan.FromSeconds(2);

    public CapturedLog Log { get; } = new();

    protected override TestServerOptions Options => new()
    {
        Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" },
        ConfigureServices = services =>
        {
            services.AddLogging(b => b.AddProvider(Log));
            services.AddSingleton<IRequestLogSink>(RequestLines);
            services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(100, BodyGracePeriod));
        },
    };

    public CapturedRequestLines RequestLines { get; } = new();

    /// <summary>The request log line of one request.</summary>
    public Task<string> RequestLogLineAsync(string requestId) => RequestLines.LineOfAsync(requestId);

    /// <summary>Asserts the request log reports the status and code the client actually got.</summary>
    public async Task AssertLoggedAsync(RpcResponse response, string code)
    {
        var line = await RequestLogLineAsync(response.RequestIdHeader!);
        Assert.True(CapturedRequestLines.Reports(line, response.StatusCode, code), line);
    }
}
