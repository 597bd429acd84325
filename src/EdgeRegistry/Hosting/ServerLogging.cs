namespace EdgeRegistry.Hosting;

/// <summary>
/// One line per event on the console, UTC timestamps; <c>EDGEREG_LOG_FORMAT=json</c> (or
/// <c>EdgeRegistry:LogFormat</c>) switches to one JSON object per line for log collectors. The value comes from the
/// configuration, where the environment already beats appsettings.json; anything but text or json stops the start.
/// </summary>
public static class ServerLogging
{
    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        var format = configuration[$"{ServerSettings.Section}:LogFormat"] ?? "text";
        if (!format.Equals("json", StringComparison.OrdinalIgnoreCase) && !format.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"LogFormat \"{format}\" is neither text nor json.");
        }

        if (format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        // Kestrel's own per-request lines would double ours, which carry the RPC details.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
    }
}
