using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdgeRegistry.LoadGen;

/// <summary>The small data sets, created through the running server's API like any client would.</summary>
/// <param name="dataDir">Where the server saved its generated admin token, for the account the foreign driver belongs to.</param>
public sealed class ApiSeeder(ServerProcess server, RequestFactory requests, string dataDir)
{
    public async Task SeedSmallAsync(DataSets data)
    {
        data.SmallDriverId = await CreateDriverAsync("small_driver", data);
        for (var i = 0; i < DataSets.SmallVersionCount; i++)
        {
            await OneShot.RpcAsync(server.Endpoint, requests.V1Get("CreateEdgeDriverVersion",
                SampleContent.VersionParameters(data.SmallDriverId, DataSets.SmallVersion(i), data.PackageAddresses[data.SmallDriverId])));
        }

        data.WriteDriverId = await CreateDriverAsync("write_driver", data);
        data.MixedWriteDriverId = await CreateDriverAsync("mixed_driver", data);
        data.ForeignDriverId = await CreateForeignDriverAsync();
    }

    /// <summary>A new account through the admin API, and a driver created with that account's own key.</summary>
    private async Task<string> CreateForeignDriverAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Host}") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/accounts")
        {
            Content = new StringContent("{\"name\":\"bench-foreign\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(dataDir, "admin-token"))).Trim());
        using var answer = await http.SendAsync(request);
        answer.EnsureSuccessStatusCode();
        using var account = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var key = new BenchCredentials(account.RootElement.GetProperty("accessKeyId").GetString()!, account.RootElement.GetProperty("accessKeySecret").GetString()!);
        var body = await OneShot.RpcAsync(server.Endpoint, new RequestFactory(server.Host, key).V1Get("CreateEdgeDriver",
            [new("DriverName", "foreign_driver"), new("DriverProtocol", "modbus"), new("Runtime", "python3")]));
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("DriverId").GetString()!;
    }

    /// <summary>Presigns and uploads a 64 KiB package for the driver, as a client would before creating versions.</summary>
    private async Task<string> UploadPackageAsync(string driverId)
    {
        var body = await OneShot.RpcAsync(server.Endpoint, requests.V1Get("CreateEdgeOssPreSignedAddress",
        [
            new("Type", "DRIVER_VERSION_CONTENT"),
            new("ResourceId", driverId),
            new("ResourceVersion", "bench"),
            new("FileName", "driver.zip"),
        ]));
        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("Data");
        using var http = new HttpClient();
        using var content = new ByteArrayContent(new byte[64 * 1024]);
        (await http.PutAsync(data.GetProperty("OssPreSignedAddress").GetString(), content)).EnsureSuccessStatusCode();
        return data.GetProperty("OssAddress").GetString()!;
    }

    private async Task<string> CreateDriverAsync(string name, DataSets data)
    {
        var body = await OneShot.RpcAsync(server.Endpoint, requests.V1Get("CreateEdgeDriver",
        [
            new("DriverName", name),
            new("DriverProtocol", "modbus"),
            new("Runtime", "python3"),
            new("CpuArch", "x86-64"),
        ]));
        using var json = JsonDocument.Parse(body);
        var driverId = json.RootElement.GetProperty("DriverId").GetString()!;
        data.PackageAddresses[driverId] = await UploadPackageAsync(driverId);
        return driverId;
    }
}
