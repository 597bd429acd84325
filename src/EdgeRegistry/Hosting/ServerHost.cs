using EdgeRegistry.Accounts;
using EdgeRegistry.Admin;
using EdgeRegistry.Quotas;
using EdgeRegistry.Auth;
using EdgeRegistry.Changes;
using EdgeRegistry.Coordination;
using EdgeRegistry.Observability;
using EdgeRegistry.WebConsole;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EdgeRegistry.Hosting;

/// <summary>Builds and starts the server; <c>edgereg serve</c> and the tests go through the same two calls.</summary>
public static class ServerHost
{
    /// <param name="overrides">Configuration keys that beat every other source (the <c>serve</c> flags, or a test's settings).</param>
    /// <param name="configureServices">Replaces services after the defaults (a test's clock, for one).</param>
    public static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> overrides, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(ServerSettings.FromEnvironment()).AddInMemoryCollection(overrides);
        var settings = ServerSettings.From(builder.Configuration);
        // Before anything is created: a port in use must not leave a new data dir, key or credentials behind.
        ListenCheck.ThrowIfUnusable(settings.ListenEndpoint());
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(settings.ListenEndpoint());
            // V3 clients and pop-core's GET put every parameter in the URL: a few 64 KiB JSON values, percent-encoded
            // up to three times their size, must fit in the request line (Kestrel's default is 8 KiB). RequestLimits
            // says why this much and no more.
            kestrel.Limits.MaxRequestLineSize = RequestLimits.MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestLimits.MaxHeaderBytes;
            kestrel.Limits.MaxRequestBufferSize = RequestLimits.MaxRequestLineBytes + RequestLimits.MaxHeaderBytes;
        });
        ServerLogging.Configure(builder.Logging, builder.Configuration);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(StartupBanner.For(builder.Configuration));
        services.AddSingleton<InFlightRequests>();
        services.AddSingleton<HttpRequestLog>();
        services.AddSingleton<ShutdownReport>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        services.AddSingleton(TimeProvider.System);
        OwnerOnlyFiles.Apply(settings);
        services.AddRegistryStorage(settings);
        services.AddSingleton(new SecretProtector(MasterKey.Load(settings)));
        services.AddSingleton<IChangeFeed, InProcessChangeFeed>();
        services.AddSingleton<IAccessKeyResolver, CachedAccessKeyResolver>();
        services.AddSingleton<RequestAuthenticator>();
        services.AddSingleton<TenantScopeResolver>();
        services.AddSingleton<RpcResponseWriter>();
        services.AddSingleton<RpcPipeline>();
        services.AddSingleton(RequestLogFormat.From(builder.Configuration));
        services.AddSingleton<RequestLog>();
        services.AddSingleton<IRequestLogSink, ConsoleRequestLogSink>();
        services.AddHostedService<RequestLogWriter>();
        services.AddSingleton<RootAccountBootstrap>();
        services.AddSingleton<AccessPolicies>();
        services.AddSingleton<AdminToken>();
        services.AddSingleton<IAdminFailureCounter, InProcessAdminFailureCounter>();
        services.AddSingleton<AdminTokenGuard>();
        services.AddSingleton<QuotaLimitsSource>();
        services.AddSingleton<IQuotaCounter, InMemoryQuotaCounter>();
        services.AddSingleton(s => new QuotaGate(s.GetRequiredService<IQuotaCounter>(), s.GetRequiredService<QuotaLimitsSource>(), settings.QuotasEnforced));
        services.AddSingleton<QuotaOverrides>();
        services.AddHostedService(s => s.GetRequiredService<QuotaOverrides>());
        services.AddSingleton<PackageLinks>();
        services.AddSingleton<OssHeaderAuthenticator>();
        services.AddSingleton<IObjectLinks>(s => s.GetRequiredService<PackageLinks>());
        services.AddSingleton<PackageReferences>();
        services.AddSingleton<OrphanSweeper>();
        services.AddHostedService(s => s.GetRequiredService<OrphanSweeper>());
        ActionTable.AddOperations(services);
        services.AddRegistryMetrics(settings);
        if (settings.Redis is { } redis)
        {
            // Scale-out: quotas, nonces and cache invalidation shared by every replica instead of kept per process.
            services.AddRedisCoordination(redis);
        }

        configureServices?.Invoke(services);

        var app = builder.Build();
        HttpRequestLog.Use(app);
        HealthEndpoints.Map(app);
        MetricsEndpoint.Map(app);
        ObjectEndpoints.Map(app);
        AdminApi.Map(app);
        ConsoleSite.Map(app);
        UnknownPath.Use(app);
        app.MapGet(ErrorDocs.Path, ErrorDocs.Page);
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, RpcPipeline pipeline) => pipeline.HandleAsync(http));
        return app;
    }

    /// <summary>Migrates the store, makes sure the root account exists, then starts listening; returns the base URL.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        var settings = app.Services.GetRequiredService<ServerSettings>();
        var storage = app.Services.GetRequiredService<IStorageLifecycle>();
        var applied = await storage.MigrateAsync(cancellationToken);
        if (app.Services.GetRequiredService<INonceStore>() is SqliteNonceStore nonces)
        {
            // The table exists now: read the remembered nonces back while the rest starts.
            nonces.BeginLoading();
        }

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeRegistry");
        if (applied > 0)
        {
            log.LogInformation("Applied {Count} schema migration(s)", applied);
        }

        await app.Services.GetRequiredService<RootAccountBootstrap>().RunAsync($"http://{settings.Listen}", cancellationToken);
        if (await app.Services.GetRequiredService<AdminToken>().InitializeAsync(cancellationToken) is { } adminToken)
        {
            // Printed once, like the root key pair, never through the logger.
            app.Services.GetRequiredService<StartupBanner>().Write($"Admin API operator token (shown only this once): {adminToken}" +
                (settings.InMemory ? "" : $"\n  Saved to {Path.GetFullPath(Path.Combine(settings.DataDir, AdminToken.FileName))} (readable only by you).") + "\n");
        }

        await app.Services.GetRequiredService<QuotaOverrides>().RefreshAsync(cancellationToken);
        var links = app.Services.GetRequiredService<PackageLinks>();
        var linkKey = await LinkKeyAsync(app.Services, cancellationToken);
        links.Configure(settings.PublicUrl ?? new Uri($"http://{settings.Listen}"), linkKey);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (ListenCheck.FromStartFailure(e, settings.ListenEndpoint()) is { } unusable)
        {
            throw unusable;
        }

        app.Services.GetRequiredService<ShutdownReport>().Watch();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        if (settings.PublicUrl is null && settings.ListenEndpoint().Port == 0)
        {
            // "Any free port" is only known now; nothing could reach the server before it was bound.
            links.Configure(address, linkKey);
        }
        log.LogInformation("EdgeRegistry is listening on {Address} ({Storage})", address, storage.Description);
        return address;
    }

    /// <summary>The key that signs object links: in the store, sealed like AccessKey secrets, the same for every replica.</summary>
    private static async Task<byte[]> LinkKeyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var protector = services.GetRequiredService<SecretProtector>();
        var candidate = Convert.ToBase64String(protector.Encrypt(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
        var sealedKey = await services.GetRequiredService<IAccountStore>().GetOrAddSettingAsync("link-signing-key", candidate, cancellationToken);
        return Convert.FromBase64String(protector.Decrypt(Convert.FromBase64String(sealedKey)));
    }
}
