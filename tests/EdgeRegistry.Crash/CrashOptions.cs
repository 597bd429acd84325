using System.Globalization;

namespace EdgeRegistry.Crash;

/// <summary><c>--server-dll PATH</c> (required), <c>--cycles N</c> (10), <c>--writers N</c> (4), <c>--seed S</c>, <c>--max-load-ms N</c> (3500).</summary>
public sealed record CrashOptions(string ServerDll, int Cycles, int Writers, int Seed, int MaxLoadMs)
{
    public static CrashOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        int Number(string name, int fallback) => map.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new CrashOptions(map.GetValueOrDefault("server-dll") ?? throw new ArgumentException("--server-dll is required."),
            Number("cycles", 10), Number("writers", 4), Number("seed", 20261203), Number("max-load-ms", 3500));
    }
}
