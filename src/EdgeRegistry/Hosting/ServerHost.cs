using EdgeRegistry.Accounts;
using EdgeRegistry.Admin;
using EdgeRegistry.Quotas;
using EdgeRegistry.Auth;
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
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(settings.ListenEndpoint());
            // V3 clients and pop-core's GET put every parameter in the URL: a few 64 KiB JSON values, percent-encoded
            // up to three times their size, must fit in the request line (Kestrel's default is 8 KiB).
            kestrel.Limits.MaxRequestLineSize = RpcParameters.MaxBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = RpcParameters.MaxBodyBytes + 64 * 1024;
            kestrel.Limits.MaxRequestBufferSize = kestrel.Limits.MaxRequestHeadersTotalSize;
        });
        ServerLogging.Configure(builder.Logging, builder.Configuration);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        AddStorage(services, settings);
        services.AddSingleton(new SecretProtector(MasterKey.Load(settings)));
        services.AddSingleton<IAccessKeyResolver, CachedAccessKeyResolver>();
        services.AddSingleton<RequestAuthenticator>();
        services.AddSingleton<TenantScopeResolver>();
        services.AddSingleton<RpcResponseWriter>();
        services.AddSingleton<RpcPipeline>();
        services.AddSingleton<RootAccountBootstrap>();
        services.AddSingleton<AccessPolicies>();
        services.AddSingleton<AdminToken>();
        services.AddSingleton<QuotaLimitsSource>();
        services.AddSingleton<IQuotaCounter, InMemoryQuotaCounter>();
        services.AddSingleton(s => new QuotaGate(s.GetRequiredService<IQuotaCounter>(), s.GetRequiredService<QuotaLimitsSource>(), settings.QuotasEnforced));
        services.AddSingleton<QuotaOverrides>();
        services.AddHostedService(s => s.GetRequiredService<QuotaOverrides>());
        services.AddSingleton<PackageLinks>();
        services.AddSingleton<IObjectLinks>(s => s.GetRequiredService<PackageLinks>());
        services.AddSingleton<PackageReferences>();
        services.AddSingleton<OrphanSweeper>();
        services.AddHostedService(s => s.GetRequiredService<OrphanSweeper>());
        ActionTable.AddOperations(services);
        configureServices?.Invoke(services);

        var app = builder.Build();
        HealthEndpoints.Map(app);
        ObjectEndpoints.Map(app);
        AdminApi.Map(app);
        app.MapGet(ErrorDocs.Path, ErrorDocs.Page);
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, RpcPipeline pipeline) => pipeline.HandleAsync(http));
        return app;
    }

    /// <summary>Migrates the store, makes sure the root account exists, then starts listening; returns the base URL.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        var settings = app.Services.GetRequiredService<ServerSettings>();
        var applied = app.Services.GetRequiredService<SqliteDatabase>().Migrate();
        if (app.Services.GetRequiredService<INonceStore>() is SqliteNonceStore nonces)
        {
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
            Console.WriteLine($"Admin API operator token (shown only this once): {adminToken}" +
                (settings.InMemory ? "" : $"\n  Saved to {Path.GetFullPath(Path.Combine(settings.DataDir, AdminToken.FileName))} (readable only by you).") + "\n");
        }

        await app.Services.GetRequiredService<QuotaOverrides>().RefreshAsync(cancellationToken);
        var links = app.Services.GetRequiredService<PackageLinks>();
        var linkKey = await LinkKeyAsync(app.Services, cancellationToken);
        links.Configure(settings.PublicUrl ?? new Uri($"http://{settings.Listen}"), linkKey);
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        if (settings.PublicUrl is null && settings.ListenEndpoint().Port == 0)
        {
            // "Any free port" is only known now; nothing could reach the server before it was bound.
            links.Configure(address, linkKey);
        }
        log.LogInformation("EdgeRegistry is listening on {Address} ({Storage})", address,
            settings.InMemory ? "in memory" : Path.GetFullPath(settings.DataDir));
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

    private static void AddStorage(IServiceCollection services, ServerSettings settings)
    {
        if (!settings.InMemory)
        {
            Directory.CreateDirectory(settings.DataDir);
        }

        var database = settings.InMemory
            ? SqliteDatabase.OpenInMemory()
            : SqliteDatabase.OpenFile(Path.Combine(settings.DataDir, "edgereg.db"));
        services.AddSingleton(database);
        services.AddSingleton<IDriverStore, SqliteDriverStore>();
        services.AddSingleton<IAccountStore, SqliteAccountStore>();
        services.AddSingleton<IAdminStore, SqliteAdminStore>();
        services.AddSingleton<IObjectCatalog, SqliteObjectCatalog>();
        // Nonces follow the data: kept across restarts with the database file, lost with it in memory.
        if (settings.InMemory)
        {
            services.AddSingleton<INonceStore, InMemoryNonceStore>();
        }
        else
        {
            services.AddSingleton<INonceStore, SqliteNonceStore>();
        }

        services.AddSingleton<IBlobStore>(settings.InMemory
            ? new InMemoryBlobStore()
            : new FileSystemBlobStore(Path.Combine(settings.DataDir, "blobs")));
    }
}
