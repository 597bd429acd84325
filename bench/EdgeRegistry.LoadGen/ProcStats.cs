using System.Globalization;

namespace EdgeRegistry.LoadGen;

/// <summary>Reads another process's resident memory and CPU time from /proc (Linux only).</summary>
public static class ProcStats
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/&lt;pid&gt;/stat, 100 on every Linux ABI we run on.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>VmRSS in bytes, or 0 once the process is gone.</summary>
    public static long RssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>User plus system CPU time consumed so far (utime + stime of /proc/&lt;pid&gt;/stat); zero once the process is gone.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }

        // The command name (field 2) may hold spaces; fields after its closing parenthesis start at field 3 (state).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    /// <summary>The pids whose parent (field 4 of /proc/&lt;pid&gt;/stat) is <paramref name="parent"/>.</summary>
    public static IEnumerable<int> Children(int parent)
    {
        var wanted = parent.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            if (stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1] == wanted)
            {
                yield return pid;
            }
        }
    }
}

/// <summary>Samples a process's VmRSS every 100 ms in the background and keeps the highest value seen.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public RssSampler(int pid)
    {
        _peak = ProcStats.RssBytes(pid);
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var rss = ProcStats.RssBytes(pid);
                if (rss > Volatile.Read(ref _peak))
                {
                    Volatile.Write(ref _peak, rss);
                }
            }
        });
    }

    public long PeakBytes => Volatile.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
