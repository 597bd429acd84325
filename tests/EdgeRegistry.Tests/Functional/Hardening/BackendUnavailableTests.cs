using EdgeRegistry.Auth;
using EdgeRegistry.Quotas;
using EdgeRegistry.Storage;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// A shared backend that is down (Redis behind the quota counter, the database behind the key lookup) is a 503
/// ServiceUnavailable in Alibaba's gateway error shape, JSON or XML as asked — never a 500, which would say the
/// server is broken, and never a call let through uncounted.
/// </summary>
public sealed class BackendUnavailableTests
{
    private const string Message = "The request has failed due to a temporary failure of the server.";

    private static Task<TestServer> StartAsync(Action<IServiceCollection> configureServices) => TestServer.StartAsync(new TestServerOptions
    {
        Settings = new Dictionary<string, string?> { ["EdgeRegistry:Quotas"] = "on" },
        ConfigureServices = configureServices,
    });

    [Theory]
    [InlineData("JSON")]
    [InlineData("XML")]
    public async Task An_unreachable_quota_counter_is_ServiceUnavailable(string format)
    {
        await using var server = await StartAsync(services => services.AddSingleton<IQuotaCounter, UnreachableQuotaCounter>());

        var response = await server.Client.V1Async("QueryEdgeDriver", [new("CurrentPage", "1"), new("PageSize", "10")], new V1Options { Format = format });

        RpcAssert.GatewayError(response, 503, "ServiceUnavailable", Message);
        Assert.Equal(format == "JSON", response.IsJson);
    }

    [Fact]
    public async Task An_unreachable_key_store_is_ServiceUnavailable_too()
    {
        await using var server = await StartAsync(services => services.AddSingleton<IAccessKeyResolver, UnreachableKeys>());

        var response = await server.Client.V3Async("QueryEdgeDriver", [new("CurrentPage", "1"), new("PageSize", "10")]);

        RpcAssert.GatewayError(response, 503, "ServiceUnavailable", Message);
    }

    private sealed class UnreachableQuotaCounter : IQuotaCounter
    {
        public ValueTask<QuotaDecision> TryAcquireAsync(string accountId, string action, int limitPerSecond, CancellationToken cancellationToken) =>
            throw new StoreUnavailableException("Redis at 127.0.0.1:1 is unavailable: the test says so.");
    }

    private sealed class UnreachableKeys : IAccessKeyResolver
    {
        public ValueTask<ResolvedAccessKey?> FindAsync(string accessKeyId, CancellationToken cancellationToken) =>
            throw new StoreUnavailableException("The database is unavailable: the test says so.");
    }
}
