using System.CommandLine;
using EdgeRegistry.Hosting;

namespace EdgeRegistry.Cli;

/// <summary><c>edgereg serve</c>: runs the server until Ctrl+C or SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "HOST:PORT to listen on (default 127.0.0.1:8080; env EDGEREG_LISTEN)." };
        var dataDir = new Option<string>("--data-dir") { Description = "Folder for the database and package files (default ./data; env EDGEREG_DATA_DIR)." };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep everything in memory and write nothing to disk (env EDGEREG_IN_MEMORY)." };
        var publicUrl = new Option<string>("--public-url") { Description = "Base of object URLs as clients reach the server, e.g. behind a proxy (default http://LISTEN; env EDGEREG_PUBLIC_URL)." };
        var quotas = new Option<string>("--quotas") { Description = "on (default) or off: enforce per-account quotas (env EDGEREG_QUOTAS)." };
        var portFile = new Option<string>("--port-file") { Description = "Write the port bound to PATH once ready, e.g. with --listen 127.0.0.1:0 (env EDGEREG_PORT_FILE).", HelpName = "PATH" };
        var postgres = new Option<string>("--postgres") { Description = "Scale-out mode, with --redis: the Npgsql connection string of the shared PostgreSQL (env EDGEREG_POSTGRES).", HelpName = "CONNECTION" };
        var redis = new Option<string>("--redis") { Description = "Scale-out mode, with --postgres: the StackExchange.Redis configuration (env EDGEREG_REDIS).", HelpName = "CONFIGURATION" };
        var durability = new Option<string>("--durability") { Description = "full (default): every acknowledged write survives a power loss; normal: faster writes, the last ones may be lost on power loss (env EDGEREG_DURABILITY).", HelpName = "full|normal" };
        var shutdownTimeout = new Option<string>("--shutdown-timeout") { Description = "How long a stop waits for requests in flight, e.g. 30s (default 30s; env EDGEREG_SHUTDOWN_TIMEOUT).", HelpName = "DURATION" };
        var command = new Command("serve", "Run the EdgeRegistry server until SIGTERM or Ctrl+C, which let requests in flight finish first. Exit codes: 0 stopped, 2 bad configuration or listen address unusable, 3 cannot start." + ServeSettingsHelp.Text())
        {
            listen, dataDir, inMemory, publicUrl, quotas, portFile, postgres, redis, shutdownTimeout, durability,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(listen) is { } l)
            {
                overrides[$"{ServerSettings.Section}:Listen"] = l;
            }

            if (parse.GetValue(dataDir) is { } d)
            {
                overrides[$"{ServerSettings.Section}:DataDir"] = d;
            }

            if (parse.GetValue(publicUrl) is { } url)
            {
                overrides[$"{ServerSettings.Section}:PublicUrl"] = url;
            }

            if (parse.GetValue(quotas) is { } q)
            {
                overrides[$"{ServerSettings.Section}:Quotas"] = q;
            }

            if (parse.GetValue(portFile) is { } p)
            {
                overrides[$"{ServerSettings.Section}:PortFile"] = p;
            }

            if (parse.GetValue(postgres) is { } pg)
            {
                overrides[$"{ServerSettings.Section}:Postgres"] = pg;
            }

            if (parse.GetValue(redis) is { } r)
            {
                overrides[$"{ServerSettings.Section}:Redis"] = r;
            }

            if (parse.GetValue(shutdownTimeout) is { } timeout)
            {
                overrides[$"{ServerSettings.Section}:ShutdownTimeout"] = timeout;
            }

            if (parse.GetValue(durability) is { } durable)
            {
                overrides[$"{ServerSettings.Section}:Durability"] = durable;
            }

            if (parse.GetValue(inMemory))
            {
                overrides[$"{ServerSettings.Section}:InMemory"] = "true";
            }

            return await RunAsync(overrides, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = ServerHost.Build(overrides);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException or ListenAddressUnusableException)
        {
            // A bad setting, a malformed appsettings.json, a data dir that is a file or cannot be written: each names
            // what is wrong, and none is worth a stack trace.
            await Console.Error.WriteLineAsync($"edgereg: {e.Message}");
            return ExitCodes.BadConfiguration;
        }

        var portFile = app.Services.GetRequiredService<ServerSettings>().PortFile;
        await using (app)
        {
            try
            {
                if (portFile is not null)
                {
                    PortFile.Remove(portFile);
                }

                var address = await ServerHost.StartAsync(app, cancellationToken);
                if (portFile is not null)
                {
                    PortFile.Write(portFile, address.Port);
                }
            }
            catch (ListenAddressUnusableException e)
            {
                await Console.Error.WriteLineAsync($"edgereg: {e.Message}");
                return ExitCodes.BadConfiguration;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"edgereg: cannot start: {e.Message}");
                return ExitCodes.CannotStart;
            }

            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
                app.Services.GetRequiredService<ShutdownReport>().Log();
            }
            finally
            {
                if (portFile is not null)
                {
                    PortFile.Remove(portFile);
                }
            }
        }

        return ExitCodes.Ok;
    }
}
