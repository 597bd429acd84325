using System.Globalization;
using System.Text.Json;

namespace EdgeRegistry.Fuzz;

/// <summary>
/// Creates what the grammar names: drivers, versions with uploaded packages (so download links exist), presigned
/// upload links, and the admin API's account ids.
/// </summary>
public static class FuzzSetup
{
    public static async Task RunAsync(FuzzTarget target, SignedCalls calls, Random rng)
    {
        foreach (var account in (await calls.AdminAsync("GET", "/admin/accounts")).EnumerateArray())
        {
            target.AccountIds.Add(account.GetProperty("accountId").GetString()!);
        }

        for (var d = 0; d < 3; d++)
        {
            var created = await calls.RpcAsync("CreateEdgeDriver",
                ("DriverName", "setup" + d.ToString(CultureInfo.InvariantCulture)), ("DriverProtocol", "modbus"), ("Runtime", "python3"));
            var driverId = created.GetProperty("DriverId").GetString()!;
            target.DriverIds.Add(driverId);
            for (var v = 0; v < 3; v++)
            {
                var version = "1.0." + v.ToString(CultureInfo.InvariantCulture);
                var presigned = (await calls.RpcAsync("CreateEdgeOssPreSignedAddress",
                    ("Type", "DRIVER_VERSION_CONTENT"), ("ResourceId", driverId), ("ResourceVersion", version), ("FileName", "driver.zip"))).GetProperty("Data");
                var ossAddress = presigned.GetProperty("OssAddress").GetString()!;
                var upload = FuzzTarget.PathAndQuery(presigned.GetProperty("OssPreSignedAddress").GetString()!);
                await calls.PutAsync(upload, RequestGenerator.Bytes(rng, 1000 + rng.Next(5000)));
                target.UploadLinks.Add(upload);
                target.ObjectPaths.Add(FuzzTarget.PathAndQuery(ossAddress));
                await calls.RpcAsync("CreateEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", version), ("EdgeVersion", "2.4.0"),
                    ("SourceConfig", JsonSerializer.Serialize(new { ossAddress })));
                target.Versions.Add((driverId, version));
                if (v == 2)
                {
                    // Left unpublished, for updates and deletes to work on.
                    continue;
                }

                // Published versions are immutable, so their drivers and packages outlive the fuzzed deletes and
                // the download links stay good for the whole run.
                await calls.RpcAsync("ReleaseEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", version));
                var read = await calls.RpcAsync("GetEdgeDriverVersion", ("DriverId", driverId), ("DriverVersion", version));
                using var source = JsonDocument.Parse(read.GetProperty("Data").GetProperty("SourceConfig").GetString()!);
                target.DownloadLinks.Add(FuzzTarget.PathAndQuery(source.RootElement.GetProperty("temporaryOssAddress").GetString()!));
            }

            // Links never used by the set-up, for the fuzzer's own uploads.
            for (var u = 0; u < 3; u++)
            {
                var spare = (await calls.RpcAsync("CreateEdgeOssPreSignedAddress", ("Type", "DRIVER_VERSION_DEFAULT_CONFIG"),
                    ("ResourceId", driverId), ("ResourceVersion", "2.0." + u.ToString(CultureInfo.InvariantCulture)), ("FileName", "config.json"))).GetProperty("Data");
                target.UploadLinks.Add(FuzzTarget.PathAndQuery(spare.GetProperty("OssPreSignedAddress").GetString()!));
            }
        }
    }
}
