using System.Globalization;

namespace EdgeRegistry.Hosting;

/// <summary>
/// <c>--port-file</c>: the port the server bound, written once it is ready, so a script that starts it on port 0
/// reads one file instead of the log. The file appears whole (written beside it, then renamed) and only while the
/// server runs: a stale one from an earlier run is removed before start-up, and this one when the server stops.
/// </summary>
public static class PortFile
{
    public static void Write(string path, int port)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, port.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing to clean up, or nothing we may clean up; the next start replaces it anyway.
        }
    }
}
