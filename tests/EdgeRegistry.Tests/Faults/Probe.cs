using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Faults;

/// <summary>One call to one surface of a replica: what came back (status 0: no answer at all) and how long it took.</summary>
public sealed record Probe(string Surface, int Status, string? Code, TimeSpan Took, string Detail)
{
    public override string ToString() => $"{Surface}: HTTP {Status} {Code} in {Took.TotalMilliseconds:0} ms ({Detail[..Math.Min(Detail.Length, 300)]})";
}

/// <summary>The calls the fault tests make to every surface: RPC read and write, admin API, object links, readiness.</summary>
public static class Probes
{
    public static Task<Probe> RpcReadAsync(ProcessReplica replica) => TimedAsync("RPC QueryEdgeDriver", async () =>
    {
        var response = await replica.Client.QueryDriversAsync(1);
        return (response.StatusCode, response.Code, response.Body);
    });

    public static Task<Probe> RpcWriteAsync(ProcessReplica replica) => TimedAsync("RPC CreateEdgeDriver", async () =>
    {
        var response = await replica.Client.CallAsync("CreateEdgeDriver",
            ("DriverName", DriverCalls.UniqueName("fault")), ("DriverProtocol", "modbus"), ("Runtime", "python3"));
        return (response.StatusCode, response.Code, response.Body);
    });

    public static Task<Probe> AdminAsync(ProcessReplica replica) => TimedAsync("admin GET /admin/accounts", async () =>
    {
        var response = await replica.Admin.GetAsync("/admin/accounts");
        var code = response.Status == 200 ? "Ok" : JsonCode(response.Body);
        return (response.Status, code, response.Body);
    });

    public static Task<Probe> ObjectGetAsync(ProcessReplica replica, string link) => TimedAsync("object GET", async () =>
    {
        var response = await replica.Client.GetObjectAsync(link);
        return (response.Status, response.Status == 200 ? "Ok" : XmlCode(response.Text), response.Status == 200 ? $"{response.Body.Length} bytes" : response.Text);
    });

    public static Task<Probe> ObjectPutAsync(ProcessReplica replica, string link, byte[] body) => TimedAsync("object PUT", async () =>
    {
        var response = await replica.Client.PutAsync(link, body);
        return (response.Status, response.Status == 200 ? "Ok" : XmlCode(response.Text), response.Text);
    });

    public static Task<Probe> ReadyAsync(ProcessReplica replica) => TimedAsync("/health/ready", async () =>
    {
        var (status, text) = await replica.ReadyAsync();
        return (status, text, text);
    });

    private static async Task<Probe> TimedAsync(string surface, Func<Task<(int Status, string? Code, string Detail)>> call)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var (status, code, detail) = await call();
            return new Probe(surface, status, code, clock.Elapsed, detail);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Probe(surface, 0, e.GetType().Name, clock.Elapsed, e.Message);
        }
    }

    private static string? JsonCode(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? XmlCode(string body)
    {
        try
        {
            return XDocument.Parse(body).Root?.Element("Code")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
