using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional;

/// <summary>ContainerConfig (api.md 5.1): every rule, the field path in the message, and unknown fields kept verbatim.</summary>
public sealed class ContainerConfigTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly RpcTestClient _client = fixture.Client;
    private string _driverId = "";

    public async Task InitializeAsync() => _driverId = await _client.CreateDriverAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<RpcResponse> Create(string containerConfig, string? version = null) =>
        _client.CallAsync("CreateEdgeDriverVersion", ("DriverId", _driverId), ("DriverVersion", version ?? "v" + Guid.NewGuid().ToString("N")[..10]),
            ("EdgeVersion", "2.4.0"), ("ContainerConfig", containerConfig));

    private static string Port(int host, int container = 80, string protocol = "tcp") =>
        $"{{\"hostPort\":{host},\"containerPort\":{container},\"protocol\":\"{protocol}\"}}";

    private static string Ports(int count) => "{\"portMappings\":[" + string.Join(',', Enumerable.Range(0, count).Select(i => Port(8000 + i))) + "]}";

    private static string Dev(int count) =>
        "{\"devMappings\":[" + string.Join(',', Enumerable.Range(0, count).Select(i => $"{{\"hostPath\":\"/dev/ttyS{i}\",\"permission\":\"rw\"}}")) + "]}";

    private static string Volumes(int count) =>
        "{\"volumeMappings\":[" + string.Join(',', Enumerable.Range(0, count).Select(i => $"{{\"hostPath\":\"/data/{i}\",\"containerPath\":\"/mnt/{i}\",\"permission\":\"ro\"}}")) + "]}";

    public static TheoryData<string, string> Invalid() => new()
    {
        { "[]", "ContainerConfig must be a JSON object" },
        { "\"privileged\"", "ContainerConfig must be a JSON object" },
        { "{\"privileged\":2}", "ContainerConfig.privileged must be 0 or 1" },
        { "{\"privileged\":-1}", "ContainerConfig.privileged" },
        { "{\"privileged\":true}", "ContainerConfig.privileged" },
        { "{\"privileged\":\"1\"}", "ContainerConfig.privileged" },
        { "{\"privileged\":0.5}", "ContainerConfig.privileged" },
        { "{\"hostNetworkMode\":2}", "ContainerConfig.hostNetworkMode must be 0 or 1" },
        { "{\"hostNetworkMode\":null}", "ContainerConfig.hostNetworkMode" },
        { "{\"portMappings\":{}}", "ContainerConfig.portMappings must be an array" },
        { Ports(11), "ContainerConfig.portMappings may hold at most 10" },
        { "{\"portMappings\":[" + Port(1) + "," + Port(2) + "," + Port(0) + "]}", "portMappings[2].hostPort" },
        { "{\"portMappings\":[" + Port(65536) + "]}", "portMappings[0].hostPort must be an integer from 1 to 65535" },
        { "{\"portMappings\":[" + Port(-80) + "]}", "portMappings[0].hostPort" },
        { "{\"portMappings\":[{\"hostPort\":80.5,\"containerPort\":80,\"protocol\":\"tcp\"}]}", "portMappings[0].hostPort" },
        { "{\"portMappings\":[{\"hostPort\":\"80\",\"containerPort\":80,\"protocol\":\"tcp\"}]}", "portMappings[0].hostPort" },
        { "{\"portMappings\":[{\"containerPort\":80,\"protocol\":\"tcp\"}]}", "portMappings[0].hostPort" },
        { "{\"portMappings\":[" + Port(8080, 0) + "]}", "portMappings[0].containerPort" },
        { "{\"portMappings\":[" + Port(8080, 70000) + "]}", "portMappings[0].containerPort" },
        { "{\"portMappings\":[{\"hostPort\":8080,\"protocol\":\"tcp\"}]}", "portMappings[0].containerPort" },
        { "{\"portMappings\":[" + Port(1) + "," + Port(8080, 80, "sctp") + "]}", "portMappings[1].protocol must be tcp or udp" },
        { "{\"portMappings\":[" + Port(8080, 80, "TCP") + "]}", "portMappings[0].protocol" },
        { "{\"portMappings\":[{\"hostPort\":8080,\"containerPort\":80}]}", "portMappings[0].protocol" },
        { "{\"portMappings\":[" + Port(8080) + "," + Port(9090) + "," + Port(8080, 81) + "]}", "portMappings[2] maps host port 8080/tcp a second time" },
        { "{\"portMappings\":[1]}", "portMappings[0] must be an object" },
        { "{\"devMappings\":[{\"hostPath\":\"/tmp/ttyS0\",\"permission\":\"rw\"}]}", "devMappings[0].hostPath" },
        { "{\"devMappings\":[{\"hostPath\":\"dev/ttyS0\",\"permission\":\"rw\"}]}", "devMappings[0].hostPath" },
        { "{\"devMappings\":[{\"hostPath\":\"/dev/" + new string('a', 124) + "\",\"permission\":\"rw\"}]}", "devMappings[0].hostPath" },
        { "{\"devMappings\":[{\"permission\":\"rw\"}]}", "devMappings[0].hostPath" },
        { "{\"devMappings\":[{\"hostPath\":\"/dev/ttyS0\",\"permission\":\"rx\"}]}", "devMappings[0].permission must be ro or rw" },
        { "{\"devMappings\":[{\"hostPath\":\"/dev/ttyS0\"}]}", "devMappings[0].permission" },
        { "{\"devMappings\":[{\"hostPath\":\"/dev/ttyS0\",\"permission\":\"ro\",\"comment\":\"" + new string('c', 129) + "\"}]}", "devMappings[0].comment" },
        { "{\"devMappings\":[{\"hostPath\":\"/dev/ttyS0\",\"permission\":\"ro\",\"comment\":5}]}", "devMappings[0].comment" },
        { Dev(11), "ContainerConfig.devMappings may hold at most 10" },
        { "{\"volumeMappings\":[{\"hostPath\":\"/data\",\"containerPath\":\"/\",\"permission\":\"rw\"}]}", "volumeMappings[0].containerPath" },
        { "{\"volumeMappings\":[{\"hostPath\":\"/data\",\"containerPath\":\"mnt/data\",\"permission\":\"rw\"}]}", "volumeMappings[0].containerPath" },
        { "{\"volumeMappings\":[{\"hostPath\":\"/data\",\"containerPath\":\"/mnt/my data\",\"permission\":\"rw\"}]}", "volumeMappings[0].containerPath" },
        { "{\"volumeMappings\":[{\"hostPath\":\"/data\",\"containerPath\":\"/" + new string('m', 128) + "\",\"permission\":\"rw\"}]}", "volumeMappings[0].containerPath" },
        { "{\"volumeMappings\":[{\"hostPath\":\"/data\",\"permission\":\"rw\"}]}", "volumeMappings[0].containerPath" },
        { "{\"volumeMappings\":[{\"hostPath\":\"/my data\",\"containerPath\":\"/mnt\",\"permission\":\"rw\"}]}", "volumeMappings[0].hostPath" },
        { "{\"volumeMappings\":[{\"hostPath\":\"\",\"containerPath\":\"/mnt\",\"permission\":\"rw\"}]}", "volumeMappings[0].hostPath" },
        { "{\"volumeMappings\":[{\"hostPath\":\"/" + new string('h', 128) + "\",\"containerPath\":\"/mnt\",\"permission\":\"rw\"}]}", "volumeMappings[0].hostPath" },
        { "{\"volumeMappings\":[{\"hostPath\":\"/data\",\"containerPath\":\"/mnt\",\"permission\":\"RW\"}]}", "volumeMappings[0].permission" },
        { Volumes(11), "ContainerConfig.volumeMappings may hold at most 10" },
        { "{\"privileged\":0,", "ContainerConfig is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_ContainerConfig_is_InvalidParam_naming_the_field(string containerConfig, string messagePart)
    {
        var version = "bad" + Guid.NewGuid().ToString("N")[..8];

        RpcAssert.InvalidParam(await Create(containerConfig, version), messagePart);

        var none = RpcAssert.Success(await _client.QueryVersionsAsync(_driverId, 1, 30, ("DriverVersion", version)));
        Assert.Equal(0, none.Data.GetProperty("Total").GetInt32());
    }

    public static TheoryData<string> Valid() =>
    [
        "{}",
        "{\"privileged\":1,\"hostNetworkMode\":1}",
        "{\"privileged\":0,\"hostNetworkMode\":0,\"portMappings\":[],\"devMappings\":[],\"volumeMappings\":[]}",
        Ports(10),
        Dev(10),
        Volumes(10),
        "{\"portMappings\":[" + Port(1, 1) + "," + Port(65535, 65535, "udp") + "]}",
        "{\"portMappings\":[" + Port(5683, 5683, "udp") + "," + Port(5683, 5683, "tcp") + "]}",
        "{\"devMappings\":[{\"hostPath\":\"/dev/" + new string('a', 123) + "\",\"permission\":\"ro\",\"comment\":\"" + new string('c', 128) + "\"}]}",
        "{\"volumeMappings\":[{\"hostPath\":\"" + new string('h', 128) + "\",\"containerPath\":\"/" + new string('m', 127) + "\",\"permission\":\"rw\"}]}",
        "{\"volumeMappings\":[{\"hostPath\":\"/data\",\"containerPath\":\"/a\",\"permission\":\"ro\"}]}",
        "{\"privileged\":1}",
        "{\"hostNetworkMode\":1}",
    ];

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task A_valid_ContainerConfig_is_stored_verbatim(string containerConfig)
    {
        var version = "ok" + Guid.NewGuid().ToString("N")[..8];

        RpcAssert.Success(await Create(containerConfig, version));

        Assert.Equal(containerConfig, (await _client.FindVersionAsync(_driverId, version)).GetProperty("ContainerConfig").GetString());
    }

    [Fact]
    public async Task Unknown_fields_are_kept_and_returned_exactly_as_given()
    {
        const string config = "{ \"privileged\" : 0,\n  \"gpu\": {\"count\": 1, \"vendor\": \"nvidia\"},\n  \"portMappings\": [ {\"hostPort\": 8080, \"containerPort\": 80, \"protocol\": \"tcp\", \"hostIp\": \"0.0.0.0\"} ],\n  \"restartPolicy\":\"always\", \"memoryLimitMB\": 512.5, \"labels\": null }";

        RpcAssert.Success(await Create(config, "unknown-fields"));

        var json = await _client.FindVersionAsync(_driverId, "unknown-fields");
        Assert.Equal(config, json.GetProperty("ContainerConfig").GetString());
        var xml = await _client.V1Async("QueryEdgeDriverVersion",
            [new("DriverId", _driverId), new("CurrentPage", "1"), new("PageSize", "1"), new("DriverVersion", "unknown-fields")], new V1Options { Format = "XML" });
        Assert.Equal(config, RpcAssert.Success(xml).XmlRoot.Descendants("ContainerConfig").Single().Value);
    }

    [Fact]
    public async Task Update_applies_the_same_rules()
    {
        RpcAssert.Success(await Create("{}", "upd"));

        var response = await _client.CallAsync("UpdateEdgeDriverVersion", ("DriverId", _driverId), ("DriverVersion", "upd"), ("EdgeVersion", "2.4.0"),
            ("ContainerConfig", "{\"portMappings\":[" + Port(1) + "," + Port(2) + "," + Port(0) + "]}"));

        RpcAssert.InvalidParam(response, "portMappings[2].hostPort");
        Assert.Equal("{}", (await _client.FindVersionAsync(_driverId, "upd")).GetProperty("ContainerConfig").GetString());
    }
}
