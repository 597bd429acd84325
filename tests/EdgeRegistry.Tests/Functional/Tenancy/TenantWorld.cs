using System.Text;
using System.Text.RegularExpressions;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>A driver a tenant made, with its versions (true: published).</summary>
public sealed record TenantDriver(string DriverId, string DriverName, Dictionary<string, bool> Versions);

/// <summary>
/// One account and instance ("" = the public one), with the keys that act in it (the root key and a RAM user with an
/// allow-all policy), what it created, and an uploaded package no version names (for another tenant to try).
/// </summary>
public sealed class Tenant(string label, string accountId, string instanceId, RpcTestClient[] principals)
{
    public string Label => label;

    public string AccountId => accountId;

    public string InstanceId => instanceId;

    public IReadOnlyList<RpcTestClient> Principals => principals;

    public List<TenantDriver> Drivers { get; } = [];

    public string SparePackage { get; set; } = "";

    public (string Name, string Value)[] Scope => instanceId.Length == 0 ? [] : [("IotInstanceId", instanceId)];

    public override string ToString() => label;
}

/// <summary>
/// Several accounts × (public + one Enterprise instance) × (root + RAM user), each tenant holding drivers (one name
/// shared by all tenants), versions (some published, one with an uploaded package) and a spare uploaded package.
/// Built once per class from a seed: <c>EDGEREG_ISOLATION_SEED</c> when set, otherwise random, and printed by every failure.
/// </summary>
public sealed partial class TenantWorld : IAsyncLifetime
{
    public const int Accounts = 3;

    private Random _random = null!;

    public TestServer Server { get; private set; } = null!;

    public int Seed { get; private set; }

    public List<Tenant> Tenants { get; } = [];

    public string SharedDriverName { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Seed = int.TryParse(Environment.GetEnvironmentVariable("EDGEREG_ISOLATION_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next(1, 1_000_000);
        _random = new Random(Seed);
        Server = await TestServer.StartAsync();
        try
        {
            await BuildAsync();
        }
        catch (Exception e)
        {
            throw Failure(e);
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The same exception, its message led by the seed that reproduces it.</summary>
    public Exception Failure(Exception e) =>
        new Xunit.Sdk.XunitException($"[isolation seed {Seed}: rerun with EDGEREG_ISOLATION_SEED={Seed}] {e.Message}", e);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public int Next(int max) => _random.Next(max);

    /// <summary>A 32-hex id of the DriverId shape that nothing has.</summary>
    public string MadeUpId() => Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64()));

    /// <summary>A call in the tenant's scope by one of its principals, chosen at random.</summary>
    public Task<RpcResponse> CallAsync(Tenant tenant, string action, params (string Name, string Value)[] parameters) =>
        Pick(tenant.Principals).CallAsync(action, [.. parameters, .. tenant.Scope]);

    private async Task BuildAsync()
    {
        var admin = Server.Admin();
        SharedDriverName = "shared_" + Seed;
        for (var a = 0; a < Accounts; a++)
        {
            string accountId;
            RpcTestClient root;
            if (a == 0)
            {
                accountId = await admin.DefaultAccountIdAsync();
                root = Server.Client;
            }
            else
            {
                var account = await admin.CreateAccountAsync();
                (accountId, root) = (account.AccountId, Server.ClientFor(account));
            }

            RpcTestClient[] principals = [root, Server.ClientFor(await admin.CreateRamUserAsync(accountId, AdminClient.AllowAll))];
            var instance = await admin.CreateInstanceAsync(accountId);
            Tenants.Add(new Tenant($"account{a}/public", accountId, "", principals));
            Tenants.Add(new Tenant($"account{a}/{instance}", accountId, instance, principals));
        }

        foreach (var tenant in Tenants)
        {
            await FillAsync(tenant);
        }
    }

    private async Task FillAsync(Tenant tenant)
    {
        var drivers = 1 + Next(2);
        for (var d = 0; d < drivers; d++)
        {
            var name = d == 0 ? SharedDriverName : DriverCalls.UniqueName("iso");
            var created = RpcAssert.Success(await CallAsync(tenant, "CreateEdgeDriver", ("DriverName", name), ("DriverProtocol", "modbus"), ("Runtime", "python3")));
            var driver = new TenantDriver(created.Root.GetProperty("DriverId").GetString()!, name, []);
            tenant.Drivers.Add(driver);
            var versions = 1 + Next(3);
            for (var v = 0; v < versions; v++)
            {
                var version = $"1.0.{v}";
                RpcAssert.Success(await CallAsync(tenant, "CreateEdgeDriverVersion", ("DriverId", driver.DriverId), ("DriverVersion", version),
                    ("EdgeVersion", "2.4.0"), ("Description", $"{tenant.Label} {version}")));
                var published = Next(2) == 0;
                if (published)
                {
                    RpcAssert.Success(await CallAsync(tenant, "ReleaseEdgeDriverVersion", ("DriverId", driver.DriverId), ("DriverVersion", version)));
                }

                driver.Versions[version] = published;
            }
        }

        // The first driver also has a draft (never published) and a version with an uploaded package.
        var first = tenant.Drivers[0];
        RpcAssert.Success(await CallAsync(tenant, "CreateEdgeDriverVersion", ("DriverId", first.DriverId), ("DriverVersion", "draft"), ("EdgeVersion", "2.4.0")));
        first.Versions["draft"] = false;
        var package = await UploadAsync(tenant, first.DriverId, "pkg");
        RpcAssert.Success(await CallAsync(tenant, "CreateEdgeDriverVersion", ("DriverId", first.DriverId), ("DriverVersion", "pkg"),
            ("EdgeVersion", "2.4.0"), ("SourceConfig", PackageCalls.SourceConfig(package))));
        first.Versions["pkg"] = false;
        tenant.SparePackage = await UploadAsync(tenant, first.DriverId, "spare");
    }

    public async Task<string> UploadAsync(Tenant tenant, string driverId, string version)
    {
        var client = Pick(tenant.Principals);
        var presigned = await client.PresignAsync(driverId, version, more: tenant.Scope);
        var put = await client.PutAsync(presigned.PresignedUrl, PackageCalls.RandomBytes(300));
        Assert.True(put.Status == 200, $"PUT {presigned.PresignedUrl}: {put}");
        return presigned.OssAddress;
    }

    /// <summary>
    /// Everything the tenant can list, as text: its drivers (QueryEdgeDriver) and every version of each
    /// (QueryEdgeDriverVersion), without the per-call temporary download links.
    /// </summary>
    public async Task<string> SnapshotAsync(Tenant tenant)
    {
        var client = tenant.Principals[0];
        var text = new StringBuilder();
        var listed = RpcAssert.Success(await client.CallAsync("QueryEdgeDriver", [("CurrentPage", "1"), ("PageSize", "30"), ("Type", "1"), .. tenant.Scope])).Data;
        foreach (var driver in listed.GetProperty("DriverList").EnumerateArray().OrderBy(d => d.GetProperty("DriverId").GetString(), StringComparer.Ordinal))
        {
            text.AppendLine(driver.GetRawText());
            var versions = RpcAssert.Success(await client.QueryVersionsAsync(driver.GetProperty("DriverId").GetString()!, 1, 30, tenant.Scope)).Data;
            foreach (var version in versions.GetProperty("DriverVersionList").EnumerateArray())
            {
                text.Append("  ").AppendLine(PackageCalls.WithoutTemporaryAddress(version));
            }
        }

        return text.ToString();
    }

    /// <summary>An answer as text without its RequestId, each of <paramref name="tokens"/> replaced by its position.</summary>
    public static string Normalize(RpcResponse response, params string[] tokens)
    {
        var body = RequestIdField().Replace(response.Body, "");
        for (var i = 0; i < tokens.Length; i++)
        {
            body = body.Replace(tokens[i], $"<{i}>", StringComparison.Ordinal);
        }

        return $"HTTP {response.StatusCode} {body}";
    }

    [GeneratedRegex("\"RequestId\":\"[^\"]*\",?")]
    private static partial Regex RequestIdField();
}
