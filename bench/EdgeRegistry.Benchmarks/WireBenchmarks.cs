using BenchmarkDotNet.Attributes;
using EdgeRegistry.Drivers;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Benchmarks;

/// <summary>Reading a request's parameters, and writing a page of ten versions as JSON and as XML.</summary>
[MemoryDiagnoser]
public class WireBenchmarks
{
    private const string Query =
        "?AccessKeyId=testid&Action=QueryEdgeDriverVersion&CurrentPage=1&DriverId=fec565038d7544978d9aed5c1a000001&Format=JSON" +
        "&PageSize=10&SignatureMethod=HMAC-SHA1&SignatureNonce=0123456789abcdef0123456789abcdef&SignatureVersion=1.0" +
        "&Timestamp=2024-05-01T12%3A00%3A00Z&Version=2018-01-20&Signature=JSdUa70cQ0k02XWV8GkRouVHkM8%3D";

    private readonly RpcResponseWriter _writer = new();
    private readonly PackageLinks _links = new(TimeProvider.System);
    private PagedBody _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var content = new DriverVersionContent("2.4.0", "LED driver 中文", "", "[{\"format\":\"JSON\",\"content\":\"{}\"}]",
            "{\"privileged\":1,\"devMappings\":[],\"volumeMappings\":[],\"hostNetworkMode\":0,\"portMappings\":[]}",
            "{\"deviceConfig\":{\"required\":false},\"driverConfig\":{\"required\":false}}", "");
        var versions = Enumerable.Range(0, 10)
            .Select(i => (IWireObject)new DriverVersionView(new DriverVersion("fec565038d7544978d9aed5c1a000001", $"1.0.{i}", i % 2 == 0, content, 1795634065996, 1795634065996), _links))
            .ToArray();
        _page = new PagedBody(1, 10, 10, "DriverVersionList", "DriverVersion", versions);
    }

    [Benchmark]
    public Task<RpcParameters> ParseParameters()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.QueryString = new QueryString(Query);
        return RpcParameters.ReadAsync(http.Request, default);
    }

    [Benchmark]
    public Task WriteJsonPage() => Write(WireFormat.Json);

    [Benchmark]
    public Task WriteXmlPage() => Write(WireFormat.Xml);

    private Task Write(WireFormat format)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = Stream.Null;
        return _writer.WriteSuccessAsync(http.Response, format, "QueryEdgeDriverVersion", "ABA0CD1F-4270-42FE-84AD-D612240196F7", _page);
    }
}
