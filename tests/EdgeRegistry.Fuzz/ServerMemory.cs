using System.Globalization;

namespace EdgeRegistry.Fuzz;

/// <summary>The server's resident memory from /proc/PID/status: VmRSS now, VmHWM the peak since it started.</summary>
public sealed record ServerMemory(long RssKb, long PeakKb)
{
    public static ServerMemory? Read(int pid)
    {
        try
        {
            var lines = File.ReadAllLines($"/proc/{pid}/status");
            return new ServerMemory(Field(lines, "VmRSS:"), Field(lines, "VmHWM:"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/status") && !File.ReadAllText($"/proc/{pid}/status").Contains("State:\tZ", StringComparison.Ordinal);

    private static long Field(string[] lines, string name) =>
        lines.Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => long.Parse(l[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
