using BenchmarkDotNet.Attributes;
using EdgeRegistry.Drivers;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Benchmarks;

/// <summary>
/// Reading a request's parameters, and writing a page of ten versions as JSON and as XML: field by field (a page the
/// read cache does not hold, without packages), and as the cache answers one (every version with a package, so a
/// fresh link each, copied from its render).
/// </summary>
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
    private PagedBody _linkedPage = null!;
    private PagedBody _renderedPage = null!;

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

        _links.Configure(new Uri("http://127.0.0.1:8080"), new byte[32]);
        _linkedPage = PageWithPackages(content, render: false);
        _renderedPage = PageWithPackages(content, render: true);
    }

    private PagedBody PageWithPackages(DriverVersionContent content, bool render)
    {
        var records = Enumerable.Range(0, 10)
            .Select(i => new DriverVersion("fec565038d7544978d9aed5c1a000001", $"1.0.{i}", i % 2 == 0,
                content with { SourceConfig = "{\"fileName\":\"driver.zip\",\"type\":\"OSS\"}" }, 1795634065996, 1795634065996,
                $"drivers/fec565038d7544978d9aed5c1a000001/1.0.{i}/driver-{i}.zip"))
            .ToArray();
        foreach (var record in records.Where(_ => render))
        {
            WireRender.Attach(record);
        }

        // Views are made per answer (each signs its link then), as the operation does.
        return new PagedBody(1, 10, 10, "DriverVersionList", "DriverVersion", new FreshViews(records, _links));
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

    [Benchmark]
    public Task WriteJsonPageWithLinks() => Write(WireFormat.Json, _linkedPage);

    [Benchmark]
    public Task WriteJsonPageRendered() => Write(WireFormat.Json, _renderedPage);

    [Benchmark]
    public Task WriteXmlPageRendered() => Write(WireFormat.Xml, _renderedPage);

    private Task Write(WireFormat format, PagedBody? page = null)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = Stream.Null;
        return _writer.WriteSuccessAsync(http.Response, format, "QueryEdgeDriverVersion", "ABA0CD1F-4270-42FE-84AD-D612240196F7", page ?? _page);
    }

    /// <summary>A list whose items are made when read, as each answer makes its views.</summary>
    private sealed class FreshViews(DriverVersion[] records, IObjectLinks links) : IReadOnlyList<IWireObject>
    {
        public int Count => records.Length;

        public IWireObject this[int index] => new DriverVersionView(records[index], links);

        public IEnumerator<IWireObject> GetEnumerator() => records.Select(r => (IWireObject)new DriverVersionView(r, links)).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
