using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace EdgeRegistry.Crash;

/// <summary>
/// One writer: its own drivers (so the model needs no locking), random creates, updates, publishes and deletes,
/// and versions created with a package uploaded through a presigned link. Every acknowledged write goes into the
/// model; the one in flight when the server dies becomes <see cref="Pending"/>.
/// </summary>
public sealed class Writer(int id, Random rng)
{
    /// <summary>Drivers a writer writes to at once.</summary>
    public const int MaxDrivers = 3;
    public const int MaxVersions = 6;

    public List<DriverState> Drivers { get; } = [];

    /// <summary>Driver ids whose deletion was acknowledged.</summary>
    public List<string> DeletedDrivers { get; } = [];

    public InFlight? Pending { get; set; }

    public int Acknowledged { get; private set; }

    public int UploadsInFlightAtKill { get; set; }

    private bool _uploading;

    public async Task RunAsync(RegistryClient client, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && Pending is null)
        {
            try
            {
                await StepAsync(client);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
            {
                // The server died under this call; Pending (set before the call) says what may or may not have happened.
                Pending ??= new InFlight("none", "", null, null, null, false);
                if (_uploading)
                {
                    UploadsInFlightAtKill++;
                }

                return;
            }

            Pending = null;
        }
    }

    private async Task StepAsync(RegistryClient client)
    {
        // A driver full of published (immutable) versions takes no more writes; it stays in the model, verified
        // on every restart, and a new driver takes its place.
        var active = Drivers.Where(d => d.Versions.Count < MaxVersions || d.Versions.Values.Any(v => !v.Published)).ToList();
        if (active.Count == 0 || (active.Count < MaxDrivers && rng.Next(10) == 0))
        {
            var name = $"w{id}d{rng.Next(1_000_000_000)}";
            Pending = new InFlight("CreateEdgeDriver", name, null, null, null, false);
            var created = await client.CallAsync("CreateEdgeDriver", ("DriverName", name), ("DriverProtocol", "modbus"), ("Runtime", "python3"));
            if (created.Acknowledged)
            {
                Drivers.Add(new DriverState(created.Body.GetProperty("DriverId").GetString()!, name));
                Acknowledged++;
            }

            return;
        }

        var driver = active[rng.Next(active.Count)];
        var versions = driver.Versions.Keys.ToList();
        var roll = rng.Next(100);
        if (versions.Count == 0 || (roll < 35 && versions.Count < MaxVersions))
        {
            await CreateVersionAsync(client, driver);
            return;
        }

        var version = versions[rng.Next(versions.Count)];
        var before = driver.Versions[version];
        switch (roll)
        {
            case < 65:
                var after = before with { Description = "d" + rng.Next().ToString(CultureInfo.InvariantCulture), Argument = "--a " + rng.Next().ToString(CultureInfo.InvariantCulture) };
                await WriteAsync(client, driver, version, after, "UpdateEdgeDriverVersion",
                    ("DriverId", driver.DriverId), ("DriverVersion", version), ("EdgeVersion", "2.4.0"), ("Description", after.Description),
                    ("Argument", after.Argument), ("SourceConfig", SourceConfigs[(driver.DriverId, version)]));
                break;
            case < 75:
                await WriteAsync(client, driver, version, before with { Published = true }, "ReleaseEdgeDriverVersion", ("DriverId", driver.DriverId), ("DriverVersion", version));
                break;
            case < 95:
                await WriteAsync(client, driver, version, null, "DeleteEdgeDriverVersion", ("DriverId", driver.DriverId), ("DriverVersion", version));
                break;
            default:
                Pending = new InFlight("DeleteEdgeDriver", driver.Name, driver.DriverId, null, null, true);
                if ((await client.CallAsync("DeleteEdgeDriver", ("DriverId", driver.DriverId))).Acknowledged)
                {
                    Drivers.Remove(driver);
                    DeletedDrivers.Add(driver.DriverId);
                    Acknowledged++;
                }

                break;
        }
    }

    /// <summary>The SourceConfig each version was created with, so an update can keep its package.</summary>
    private Dictionary<(string, string), string> SourceConfigs { get; } = [];

    private async Task CreateVersionAsync(RegistryClient client, DriverState driver)
    {
        var version = "1." + rng.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
        var bytes = new byte[rng.Next(1, 256 * 1024)];
        rng.NextBytes(bytes);
        var presign = await client.RequireAsync("CreateEdgeOssPreSignedAddress", ("Type", "DRIVER_VERSION_CONTENT"),
            ("ResourceId", driver.DriverId), ("ResourceVersion", version), ("FileName", "driver.zip"));
        var data = presign.Body.GetProperty("Data");
        _uploading = true;
        var uploaded = await client.PutAsync(data.GetProperty("OssPreSignedAddress").GetString()!, bytes);
        _uploading = false;
        if (!uploaded)
        {
            throw new InvalidOperationException("An upload to a fresh presigned link was refused.");
        }

        var source = JsonSerializer.Serialize(new { ossAddress = data.GetProperty("OssAddress").GetString() });
        SourceConfigs[(driver.DriverId, version)] = source;
        var after = new VersionState("created", "", false, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        await WriteAsync(client, driver, version, after, "CreateEdgeDriverVersion", ("DriverId", driver.DriverId), ("DriverVersion", version),
            ("EdgeVersion", "2.4.0"), ("Description", after.Description), ("SourceConfig", source));
    }

    private async Task WriteAsync(RegistryClient client, DriverState driver, string version, VersionState? after, string action,
        params (string Name, string Value)[] parameters)
    {
        Pending = new InFlight(action, driver.Name, driver.DriverId, version, after, false);
        var result = await client.CallAsync(action, parameters);
        if (!result.Acknowledged)
        {
            return;
        }

        Acknowledged++;
        if (after is null)
        {
            driver.Versions.Remove(version);
        }
        else
        {
            driver.Versions[version] = after;
        }
    }
}
