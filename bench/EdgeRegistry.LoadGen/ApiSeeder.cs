using System.Text.Json;

namespace EdgeRegistry.LoadGen;

/// <summary>The small data sets, created through the running server's API like any client would.</summary>
public sealed class ApiSeeder(ServerProcess server, RequestFactory requests)
{
    public async Task SeedSmallAsync(DataSets data)
    {
        data.SmallDriverId = await CreateDriverAsync("small_driver");
        for (var i = 0; i < DataSets.SmallVersionCount; i++)
        {
            await OneShot.RpcAsync(server.Endpoint, requests.V1Get("CreateEdgeDriverVersion", SampleContent.VersionParameters(data.SmallDriverId, DataSets.SmallVersion(i))));
        }

        data.WriteDriverId = await CreateDriverAsync("write_driver");
        data.MixedWriteDriverId = await CreateDriverAsync("mixed_driver");
    }

    private async Task<string> CreateDriverAsync(string name)
    {
        var body = await OneShot.RpcAsync(server.Endpoint, requests.V1Get("CreateEdgeDriver",
        [
            new("DriverName", name),
            new("DriverProtocol", "modbus"),
            new("Runtime", "python3"),
            new("CpuArch", "x86-64"),
        ]));
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("DriverId").GetString()!;
    }
}
