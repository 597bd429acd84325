namespace EdgeRegistry.Hosting;

/// <summary>
/// Where the once-only start-up notices go (a generated root key pair, a generated admin token): never through the
/// logger, so no log sink keeps a secret. With text logs that is stdout, for a person reading the console; with JSON
/// logs it is stderr, so that stdout stays one JSON object per line for the collector.
/// </summary>
public sealed class StartupBanner(TextWriter writer)
{
    public static StartupBanner For(IConfiguration configuration) =>
        new(ServerLogging.IsJson(configuration) ? Console.Error : Console.Out);

    public void Write(string text) => writer.WriteLine(text);
}
