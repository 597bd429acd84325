using System.Globalization;
using System.Runtime.InteropServices;

namespace EdgeRegistry.LoadGen;

/// <summary>The facts about the machine a result depends on, read from /proc and the runtime.</summary>
public static class MachineInfo
{
    public static IEnumerable<string> Describe()
    {
        yield return $"cores: {Environment.ProcessorCount} ({CpuModel()})";
        yield return $"memory: {MemoryGiB():0.0} GiB";
        yield return $"OS: {OsName()} ({RuntimeInformation.OSDescription})";
        yield return $".NET: {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture})";
    }

    private static string CpuModel() => ReadField("/proc/cpuinfo", "model name", ':') ?? "unknown CPU";

    private static double MemoryGiB()
    {
        var kb = ReadField("/proc/meminfo", "MemTotal", ':')?.Split(' ')[0];
        return kb is null ? 0 : long.Parse(kb, CultureInfo.InvariantCulture) / (1024.0 * 1024.0);
    }

    private static string OsName() => ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;

    private static string? ReadField(string file, string name, char separator)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (var line in File.ReadLines(file))
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && line[..at].Trim() == name)
            {
                return line[(at + 1)..].Trim();
            }
        }

        return null;
    }
}
