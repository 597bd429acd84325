using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>
/// Drivers, versions and packages are invisible across accounts and across instances of one account: every
/// operation given ids of another tenant answers exactly (status, Code, message) what it answers for an id that
/// does not exist, and nothing any tenant can list changes.
/// </summary>
public sealed class IsolationMatrixTests(TenantWorld world) : IClassFixture<TenantWorld>
{
    private delegate (string Name, string Value)[] Parameters(string driverId, string version);

    /// <summary>Every operation that takes a DriverId, with the parameters that would change or reveal the driver's data.</summary>
    private static readonly (string Action, Parameters Parameters)[] Operations =
    [
        ("QueryEdgeDriverVersion", (d, _) => [("DriverId", d), ("CurrentPage", "1"), ("PageSize", "30")]),
        ("QueryEdgeDriverVersion", (d, v) => [("DriverId", d), ("CurrentPage", "1"), ("PageSize", "30"), ("DriverVersion", v)]),
        ("GetEdgeDriverVersion", (d, v) => [("DriverId", d), ("DriverVersion", v)]),
        ("UpdateEdgeDriverVersion", (d, v) => [("DriverId", d), ("DriverVersion", v), ("EdgeVersion", "2.5.0"), ("Description", "overwritten")]),
        ("DeleteEdgeDriverVersion", (d, v) => [("DriverId", d), ("DriverVersion", v)]),
        ("ReleaseEdgeDriverVersion", (d, v) => [("DriverId", d), ("DriverVersion", v)]),
        ("CreateEdgeDriverVersion", (d, _) => [("DriverId", d), ("DriverVersion", "9.9.9"), ("EdgeVersion", "2.4.0")]),
        ("DeleteEdgeDriver", (d, _) => [("DriverId", d)]),
        ("CreateEdgeOssPreSignedAddress", (d, v) => [("Type", PackageCalls.PackageType), ("ResourceId", d), ("ResourceVersion", v), ("FileName", "x.zip")]),
        ("CreateEdgeOssPreSignedAddress", (d, v) => [("Type", PackageCalls.InstanceConfigType), ("ResourceId", d), ("ResourceVersion", v),
            ("FileName", "x.json"), ("InstanceId", "edge-1")]),
    ];

    private async Task Run(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException { Message: var m } || !m.StartsWith("[isolation seed", StringComparison.Ordinal))
        {
            throw world.Failure(e);
        }
    }

    [Fact]
    public Task Ids_of_other_tenants_behave_like_ids_that_do_not_exist_and_change_nothing() => Run(async () =>
    {
        var before = new Dictionary<Tenant, string>();
        foreach (var tenant in world.Tenants)
        {
            before[tenant] = await world.SnapshotAsync(tenant);
            AssertHoldsWhatItCreated(tenant, before[tenant]);
        }

        foreach (var attacker in world.Tenants)
        {
            foreach (var victim in world.Tenants.Where(t => t != attacker))
            {
                await ForeignDriverIdsAsync(attacker, victim);
                await ForeignPackageAsync(attacker, victim);
                await BatchGetLeavesForeignIdsOutAsync(attacker, victim);
            }
        }

        foreach (var tenant in world.Tenants)
        {
            Assert.True(before[tenant] == await world.SnapshotAsync(tenant), $"The data of {tenant} changed.");
        }
    });

    [Fact]
    public Task The_instance_of_another_account_is_not_found_like_a_made_up_one() => Run(async () =>
    {
        foreach (var attacker in world.Tenants)
        {
            foreach (var victim in world.Tenants.Where(t => t.AccountId != attacker.AccountId && t.InstanceId.Length > 0))
            {
                var madeUp = "iot-" + world.MadeUpId()[..8];
                var client = world.Pick(attacker.Principals);
                var foreign = await client.QueryDriversAsync(30, ("IotInstanceId", victim.InstanceId));
                var none = await client.QueryDriversAsync(30, ("IotInstanceId", madeUp));

                RpcAssert.BusinessError(foreign, "iot.system.InstanceNotFound");
                Assert.Equal(TenantWorld.Normalize(none, madeUp), TenantWorld.Normalize(foreign, victim.InstanceId));

                var driver = world.Pick(victim.Drivers);
                var query = await client.QueryVersionsAsync(driver.DriverId, 1, 30, ("IotInstanceId", victim.InstanceId));
                RpcAssert.BusinessError(query, "iot.system.InstanceNotFound");
            }
        }
    });

    [Fact]
    public Task Driver_names_are_per_tenant_and_a_name_taken_elsewhere_is_free_here() => Run(async () =>
    {
        foreach (var tenant in world.Tenants)
        {
            var listed = RpcAssert.Success(await world.CallAsync(tenant, "QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "30"), ("Type", "1"),
                ("DriverName", world.SharedDriverName))).Data.GetProperty("DriverList");
            Assert.Equal(tenant.Drivers[0].DriverId, Assert.Single(listed.EnumerateArray()).GetProperty("DriverId").GetString());
        }

        Assert.Equal(world.Tenants.Count, world.Tenants.Select(t => t.Drivers[0].DriverId).Distinct().Count());
    });

    private static void AssertHoldsWhatItCreated(Tenant tenant, string snapshot)
    {
        var lines = snapshot.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var drivers = lines.Where(l => !l.StartsWith(' ')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("DriverId").GetString()!);
        Assert.Equal(tenant.Drivers.Select(d => d.DriverId).Order(StringComparer.Ordinal), drivers.Order(StringComparer.Ordinal));
        var versions = lines.Where(l => l.StartsWith(' ')).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(v => $"{v.GetProperty("DriverId").GetString()}/{v.GetProperty("DriverVersion").GetString()}={v.GetProperty("VersionState").GetString()}");
        var expected = tenant.Drivers.SelectMany(d => d.Versions.Select(v => $"{d.DriverId}/{v.Key}={(v.Value ? "1" : "0")}"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), versions.Order(StringComparer.Ordinal));
    }

    private async Task ForeignDriverIdsAsync(Tenant attacker, Tenant victim)
    {
        var driver = world.Pick(victim.Drivers);
        var version = world.Pick(driver.Versions.Keys.ToList());
        var madeUp = world.MadeUpId();
        foreach (var (action, parameters) in Operations)
        {
            var foreign = await world.CallAsync(attacker, action, parameters(driver.DriverId, version));
            var none = await world.CallAsync(attacker, action, parameters(madeUp, version));
            Assert.True(foreign.Code != "Success", $"{attacker} called {action} on {victim}'s driver {driver.DriverId}/{version}: {foreign}");
            Assert.True(TenantWorld.Normalize(none, madeUp) == TenantWorld.Normalize(foreign, driver.DriverId),
                $"{attacker} calling {action} with {victim}'s driver {driver.DriverId}/{version} got\n{foreign}\nbut with a made-up id\n{none}");
        }
    }

    /// <summary>A SourceConfig naming the other tenant's uploaded package is refused like an address nothing was uploaded to.</summary>
    private async Task ForeignPackageAsync(Tenant attacker, Tenant victim)
    {
        var own = attacker.Drivers[0].DriverId;
        var foreignAddress = victim.SparePackage;
        var madeUpAddress = foreignAddress.Replace("/driver.zip", "/missing.zip", StringComparison.Ordinal);
        foreach (var (action, version) in new[] { ("CreateEdgeDriverVersion", "evil"), ("UpdateEdgeDriverVersion", "draft") })
        {
            var foreign = await world.CallAsync(attacker, action, ("DriverId", own), ("DriverVersion", version), ("EdgeVersion", "2.4.0"),
                ("SourceConfig", PackageCalls.SourceConfig(foreignAddress)));
            var none = await world.CallAsync(attacker, action, ("DriverId", own), ("DriverVersion", version), ("EdgeVersion", "2.4.0"),
                ("SourceConfig", PackageCalls.SourceConfig(madeUpAddress)));
            RpcAssert.InvalidParam(foreign, "SourceConfig.ossAddress");
            Assert.True(TenantWorld.Normalize(none, madeUpAddress) == TenantWorld.Normalize(foreign, foreignAddress),
                $"{attacker} {action} with {victim}'s package got\n{foreign}\nbut with a made-up address\n{none}");
        }
    }

    private async Task BatchGetLeavesForeignIdsOutAsync(Tenant attacker, Tenant victim)
    {
        var own = world.Pick(attacker.Drivers).DriverId;
        var foreignId = world.Pick(victim.Drivers).DriverId;
        var madeUp = world.MadeUpId();
        var foreign = RpcAssert.Success(await world.CallAsync(attacker, "BatchGetEdgeDriver", ("DriverIds.1", foreignId), ("DriverIds.2", own)));
        var none = RpcAssert.Success(await world.CallAsync(attacker, "BatchGetEdgeDriver", ("DriverIds.1", madeUp), ("DriverIds.2", own)));

        Assert.Equal([own], foreign.Root.GetProperty("DriverList").EnumerateArray().Select(d => d.GetProperty("DriverId").GetString()));
        Assert.Equal(TenantWorld.Normalize(none), TenantWorld.Normalize(foreign));
        var onlyForeign = RpcAssert.Success(await world.CallAsync(attacker, "BatchGetEdgeDriver", ("DriverIds.1", foreignId)));
        Assert.Empty(onlyForeign.Root.GetProperty("DriverList").EnumerateArray());
    }
}
