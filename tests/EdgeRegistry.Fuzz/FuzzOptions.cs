using System.Globalization;
using System.Net;

namespace EdgeRegistry.Fuzz;

/// <summary>
/// Command line: <c>--port P --pid PID --key-id ID --secret S --admin-token T</c> name the running server;
/// <c>--requests N</c> (20,000), <c>--seed S</c> (20261203), <c>--concurrency C</c> (4), <c>--timeout-seconds</c> (10),
/// <c>--rss-limit-mb</c> (400) bound the run.
/// </summary>
public sealed record FuzzOptions(IPEndPoint Endpoint, int Pid, string KeyId, string Secret, string AdminToken,
    long Requests, int Seed, int Concurrency, TimeSpan Timeout, long RssLimitMb)
{
    public const int DefaultSeed = 20261203;

    public static FuzzOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string? fallback = null) =>
            map.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"--{name} is required.");
        long Number(string name, long fallback) => long.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new FuzzOptions(
            new IPEndPoint(IPAddress.Loopback, (int)Number("port", 0)),
            (int)Number("pid", 0),
            Get("key-id"),
            Get("secret"),
            Get("admin-token"),
            Number("requests", 20_000),
            (int)Number("seed", DefaultSeed),
            (int)Number("concurrency", 4),
            TimeSpan.FromSeconds(Number("timeout-seconds", 10)),
            Number("rss-limit-mb", 400));
    }
}
