using System.Globalization;
using System.Text.Json;

namespace EdgeRegistry.Crash;

/// <summary>
/// Compares what a restarted server holds with every acknowledged write: first settles the one write per writer
/// that was in flight at the kill (before or after, nothing else), then requires the rest exactly, packages by SHA-256.
/// </summary>
public sealed class Verifier(RegistryClient client)
{
    public int PackagesVerified { get; private set; }

    public async Task<List<string>> VerifyAsync(Writer writer)
    {
        var problems = new List<string>();
        if (writer.Pending is { } pending)
        {
            await SettleAsync(writer, pending, problems);
            writer.Pending = null;
        }

        foreach (var driver in writer.Drivers)
        {
            var actual = await ReadVersionsAsync(driver.DriverId);
            if (actual is null)
            {
                problems.Add($"driver {driver.DriverId} ({driver.Name}) is gone");
                continue;
            }

            foreach (var (version, expected) in driver.Versions)
            {
                if (!actual.TryGetValue(version, out var found))
                {
                    problems.Add($"version {driver.DriverId}/{version} is gone");
                }
                else if (found != expected)
                {
                    problems.Add($"version {driver.DriverId}/{version} is {found}, acknowledged as {expected}");
                }
            }

            foreach (var extra in actual.Keys.Except(driver.Versions.Keys))
            {
                problems.Add($"version {driver.DriverId}/{extra} exists but its creation was never acknowledged (or its deletion was)");
            }
        }

        foreach (var chunk in writer.DeletedDrivers.Chunk(10))
        {
            var batch = await client.RequireAsync("BatchGetEdgeDriver", [.. chunk.Select((d, i) => ($"DriverIds.{i + 1}", d))]);
            foreach (var found in batch.Body.GetProperty("DriverList").EnumerateArray())
            {
                problems.Add($"driver {found.GetProperty("DriverId").GetString()} is back after its deletion was acknowledged");
            }
        }

        return problems;
    }

    private async Task SettleAsync(Writer writer, InFlight pending, List<string> problems)
    {
        switch (pending.Operation)
        {
            case "CreateEdgeDriver":
                var listed = await client.RequireAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "30"), ("Type", "0"), ("DriverName", pending.DriverName));
                var match = listed.Body.GetProperty("Data").GetProperty("DriverList").EnumerateArray()
                    .FirstOrDefault(d => d.GetProperty("DriverName").GetString() == pending.DriverName);
                if (match.ValueKind == JsonValueKind.Object)
                {
                    writer.Drivers.Add(new DriverState(match.GetProperty("DriverId").GetString()!, pending.DriverName));
                }

                break;
            case "DeleteEdgeDriver":
                if (await ReadVersionsAsync(pending.DriverId!) is null)
                {
                    writer.Drivers.RemoveAll(d => d.DriverId == pending.DriverId);
                    writer.DeletedDrivers.Add(pending.DriverId!);
                }

                break;
            case "none":
                break;
            default:
                var driver = writer.Drivers.First(d => d.DriverId == pending.DriverId);
                var before = driver.Versions.GetValueOrDefault(pending.Version!);
                var actual = (await ReadVersionsAsync(driver.DriverId))?.GetValueOrDefault(pending.Version!);
                if (actual != before && actual != pending.After)
                {
                    problems.Add($"{pending.Operation} of {driver.DriverId}/{pending.Version} in flight at the kill left {actual?.ToString() ?? "nothing"}: neither {before?.ToString() ?? "nothing"} nor {pending.After?.ToString() ?? "nothing"}");
                }

                if (actual is null)
                {
                    driver.Versions.Remove(pending.Version!);
                }
                else
                {
                    driver.Versions[pending.Version!] = actual;
                }

                break;
        }
    }

    /// <summary>Every version of a driver as the server lists it, packages downloaded; null when the driver is gone.</summary>
    private async Task<Dictionary<string, VersionState>?> ReadVersionsAsync(string driverId)
    {
        var page = await client.CallAsync("QueryEdgeDriverVersion", ("DriverId", driverId), ("CurrentPage", "1"), ("PageSize", "30"));
        if (!page.Acknowledged)
        {
            return page.Code == "iot.edge.DriverNotExist" ? null : throw new InvalidOperationException($"QueryEdgeDriverVersion answered {page.Body}");
        }

        var versions = new Dictionary<string, VersionState>(StringComparer.Ordinal);
        foreach (var item in page.Body.GetProperty("Data").GetProperty("DriverVersionList").EnumerateArray())
        {
            using var source = JsonDocument.Parse(item.GetProperty("SourceConfig").GetString()!);
            var sha = source.RootElement.TryGetProperty("temporaryOssAddress", out var link)
                ? await client.DownloadSha256Async(link.GetString()!)
                : "no package";
            PackagesVerified++;
            versions[item.GetProperty("DriverVersion").GetString()!] = new VersionState(
                item.GetProperty("Description").GetString()!,
                item.GetProperty("Argument").GetString()!,
                item.GetProperty("VersionState").GetString() == "1",
                sha);
        }

        return versions;
    }

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
