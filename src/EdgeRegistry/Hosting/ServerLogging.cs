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
        if (IsJson(configuration))
        {
            logging.AddJsonConsole(o =>
            {
                // Without a format the JSON console writes no timestamp at all.
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
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

    /// <summary>Whether the log is JSON lines; anything but text or json stops the start.</summary>
    public static bool IsJson(IConfiguration configuration)
    {
        var format = configuration[$"{ServerSettings.Section}:LogFormat"] ?? "text";
        if (format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return format.Equals("text", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new InvalidOperationException($"LogFormat \"{format}\" is neither text nor json.");
    }
}
