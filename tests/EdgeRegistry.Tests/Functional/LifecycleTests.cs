using System.Globalization;
using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>
/// What the writes do to drivers and versions: full-replace updates, release, deletes, and the business errors
/// for what does not exist, already exists, or is published. The fake clock makes every time exact.
/// </summary>
public sealed class LifecycleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private readonly RpcTestClient _client = fixture.Client;

    private long NowMs => fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Every parameter of a version set; SourceConfig names a package uploaded for it.</summary>
    private async Task<(string Name, string Value)[]> EverythingAsync(string driverId, string version, string description = "first") =>
    [
        ("EdgeVersion", "2.4.0"),
        ("Description", description),
        ("SourceConfig", PackageCalls.SourceConfig(await _client.UploadPackageAsync(driverId, version))),
        ("DriverConfig", "[{\"format\":\"KV\",\"content\":\"a=1\"}]"),
        ("ContainerConfig", "{\"privileged\":1}"),
        ("ConfigCheckRule", "{\"deviceConfig\":{\"required\":true}}"),
        ("Argument", "-Xmx64m"),
    ];

    /// <summary>Each value as given; SourceConfig also gains its temporaryOssAddress.</summary>
    private static void AssertHolds(JsonElement version, (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (name == "SourceConfig" && value.Length > 0)
            {
                PackageCalls.AssertSourceConfig(value, version.GetProperty(name).GetString()!);
            }
            else
            {
                Assert.Equal(value, version.GetProperty(name).GetString());
            }
        }
    }

    /// <summary>A version's JSON without its temporaryOssAddress, which is made fresh for every answer.</summary>
    private static string Stable(JsonElement version) => PackageCalls.WithoutTemporaryAddress(version);

    private static readonly string[] Optional = ["Description", "SourceConfig", "DriverConfig", "ContainerConfig", "ConfigCheckRule", "Argument"];

    private static string Gmt(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void AssertTimes(JsonElement item, long created, long modified)
    {
        Assert.Equal(created, item.GetProperty("GmtCreateTimestamp").GetInt64());
        Assert.Equal(modified, item.GetProperty("GmtModifiedTimestamp").GetInt64());
        Assert.Equal(Gmt(created), item.GetProperty("GmtCreate").GetString());
        Assert.Equal(Gmt(modified), item.GetProperty("GmtModified").GetString());
    }

    private Task<RpcResponse> Call(string action, string driverId, string version, params (string, string)[] more) =>
        _client.CallAsync(action, [("DriverId", driverId), ("DriverVersion", version), .. more]);

    [Fact]
    public async Task A_new_version_is_unpublished_and_holds_what_was_given()
    {
        var id = await _client.CreateDriverAsync();
        var created = NowMs;

        var everything = await EverythingAsync(id, "1.0");
        await _client.CreateVersionAsync(id, "1.0", everything);

        var version = await _client.FindVersionAsync(id, "1.0");
        Assert.Equal("0", version.GetProperty("VersionState").GetString());
        AssertHolds(version, everything);

        AssertTimes(version, created, created);
    }

    [Fact]
    public async Task Optional_parameters_left_out_are_empty_strings()
    {
        var id = await _client.CreateDriverAsync();

        await _client.CreateVersionAsync(id, "1.0");

        var version = await _client.FindVersionAsync(id, "1.0");
        Assert.All(Optional, name => Assert.Equal("", version.GetProperty(name).GetString()));
    }

    [Fact]
    public async Task Update_is_a_full_replace_and_moves_GmtModified_only()
    {
        var id = await _client.CreateDriverAsync();
        var created = NowMs;
        await _client.CreateVersionAsync(id, "1.0", await EverythingAsync(id, "1.0"));
        fixture.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMilliseconds(7));
        var updated = NowMs;

        RpcAssert.Success(await Call("UpdateEdgeDriverVersion", id, "1.0", ("EdgeVersion", "2.5.1"), ("Argument", "-Xmx128m")));

        var version = await _client.FindVersionAsync(id, "1.0");
        Assert.Equal("2.5.1", version.GetProperty("EdgeVersion").GetString());
        Assert.Equal("-Xmx128m", version.GetProperty("Argument").GetString());
        Assert.All(Optional.Where(n => n != "Argument"), name => Assert.Equal("", version.GetProperty(name).GetString()));
        Assert.Equal("0", version.GetProperty("VersionState").GetString());
        AssertTimes(version, created, updated);
        Assert.NotEqual(version.GetProperty("GmtCreate").GetString(), version.GetProperty("GmtModified").GetString());
    }

    [Fact]
    public async Task Update_with_every_parameter_replaces_every_value()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0");
        (string, string)[] next =
        [
            ("EdgeVersion", "3.0"), ("Description", "second"), ("SourceConfig", PackageCalls.SourceConfig(await _client.UploadPackageAsync(id, "1.0"))),
            ("DriverConfig", "{\"format\":\"JSON\",\"content\":\"{}\"}"), ("ContainerConfig", "{\"hostNetworkMode\":1}"),
            ("ConfigCheckRule", "{\"driverConfig\":{\"required\":false}}"), ("Argument", "-Dx=y"),
        ];

        RpcAssert.Success(await Call("UpdateEdgeDriverVersion", id, "1.0", next));

        AssertHolds(await _client.FindVersionAsync(id, "1.0"), next);
    }

    [Fact]
    public async Task Release_publishes_and_moves_GmtModified_and_a_second_release_changes_nothing()
    {
        var id = await _client.CreateDriverAsync();
        var created = NowMs;
        var everything = await EverythingAsync(id, "1.0");
        await _client.CreateVersionAsync(id, "1.0", everything);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var released = NowMs;

        RpcAssert.Success(await Call("ReleaseEdgeDriverVersion", id, "1.0"));
        var first = await _client.FindVersionAsync(id, "1.0");
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        RpcAssert.Success(await Call("ReleaseEdgeDriverVersion", id, "1.0"));
        var second = await _client.FindVersionAsync(id, "1.0");

        Assert.Equal("1", first.GetProperty("VersionState").GetString());
        AssertTimes(first, created, released);
        Assert.Equal(Stable(first), Stable(second));
        AssertHolds(second, everything);
    }

    [Fact]
    public async Task A_published_version_can_be_neither_updated_nor_deleted()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0", await EverythingAsync(id, "1.0"));
        await _client.ReleaseAsync(id, "1.0");
        var before = Stable(await _client.FindVersionAsync(id, "1.0"));
        fixture.Clock.Advance(TimeSpan.FromSeconds(10));

        var update = await Call("UpdateEdgeDriverVersion", id, "1.0", ("EdgeVersion", "9.9"));
        var delete = await Call("DeleteEdgeDriverVersion", id, "1.0");

        Assert.Equal("The driver version is published; a published version cannot be changed or deleted.",
            RpcAssert.BusinessError(update, "iot.edge.DriverVersionPublished"));
        RpcAssert.BusinessError(delete, "iot.edge.DriverVersionPublished");
        Assert.Equal(before, Stable(await _client.FindVersionAsync(id, "1.0")));
    }

    [Fact]
    public async Task A_driver_with_a_published_version_cannot_be_deleted()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0");
        await _client.CreateVersionAsync(id, "2.0");
        await _client.ReleaseAsync(id, "2.0");

        var response = await _client.CallAsync("DeleteEdgeDriver", ("DriverId", id));

        Assert.Equal("The driver has a published version and cannot be deleted.", RpcAssert.BusinessError(response, "iot.edge.DriverHasPublishedVersion"));
        Assert.Equal(2, Total(await _client.QueryVersionsAsync(id, 1, 30)));
    }

    [Fact]
    public async Task Deleting_a_driver_deletes_its_versions_and_frees_its_name()
    {
        var name = DriverCalls.UniqueName("del");
        var id = await _client.CreateDriverAsync(name);
        await _client.CreateVersionAsync(id, "1.0");
        await _client.CreateVersionAsync(id, "1.1");

        RpcAssert.Success(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", id)));

        RpcAssert.BusinessError(await _client.QueryVersionsAsync(id, 1, 30), "iot.edge.DriverNotExist");
        RpcAssert.BusinessError(await Call("CreateEdgeDriverVersion", id, "1.2", ("EdgeVersion", "2.4.0")), "iot.edge.DriverNotExist");
        RpcAssert.BusinessError(await Call("ReleaseEdgeDriverVersion", id, "1.0"), "iot.edge.DriverNotExist");
        RpcAssert.BusinessError(await _client.CallAsync("DeleteEdgeDriver", ("DriverId", id)), "iot.edge.DriverNotExist");
        Assert.Equal("[]", RpcAssert.Success(await _client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id))).Root.GetProperty("DriverList").GetRawText());
        var byName = RpcAssert.Success(await _client.QueryDriversAsync(30, ("DriverName", name)));
        Assert.Equal(0, byName.Data.GetProperty("Total").GetInt32());

        var again = await _client.CreateDriverAsync(name);
        Assert.NotEqual(id, again);
        var versions = RpcAssert.Success(await _client.QueryVersionsAsync(again, 1, 30));
        Assert.Equal(0, versions.Data.GetProperty("Total").GetInt32());
        await _client.CreateVersionAsync(again, "1.0");
    }

    [Fact]
    public async Task A_deleted_version_is_gone_and_its_name_can_be_used_again()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0", ("Description", "old"));
        await _client.CreateVersionAsync(id, "2.0");

        RpcAssert.Success(await Call("DeleteEdgeDriverVersion", id, "1.0"));

        Assert.Equal(["2.0"], await _client.AllVersionsAsync(id));
        RpcAssert.BusinessError(await Call("DeleteEdgeDriverVersion", id, "1.0"), "iot.edge.DriverVersionNotExist");
        RpcAssert.BusinessError(await Call("ReleaseEdgeDriverVersion", id, "1.0"), "iot.edge.DriverVersionNotExist");
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await _client.CreateVersionAsync(id, "1.0");
        Assert.Equal("", (await _client.FindVersionAsync(id, "1.0")).GetProperty("Description").GetString());
        Assert.Equal(["1.0", "2.0"], await _client.AllVersionsAsync(id));
    }

    [Fact]
    public async Task The_same_version_twice_is_DriverVersionExist_and_the_first_is_kept()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0", ("Description", "first"));

        var response = await Call("CreateEdgeDriverVersion", id, "1.0", ("EdgeVersion", "3.0"), ("Description", "second"));

        Assert.Equal("The driver version already exists.", RpcAssert.BusinessError(response, "iot.edge.DriverVersionExist"));
        var version = await _client.FindVersionAsync(id, "1.0");
        Assert.Equal("first", version.GetProperty("Description").GetString());
        Assert.Equal("2.4.0", version.GetProperty("EdgeVersion").GetString());
    }

    [Fact]
    public async Task DriverVersionExist_also_for_a_published_version()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0");
        await _client.ReleaseAsync(id, "1.0");

        RpcAssert.BusinessError(await Call("CreateEdgeDriverVersion", id, "1.0", ("EdgeVersion", "2.4.0")), "iot.edge.DriverVersionExist");
    }

    [Fact]
    public async Task Versions_belong_to_their_driver()
    {
        var a = await _client.CreateDriverAsync();
        var b = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(a, "1.0", ("Description", "a"));
        await _client.CreateVersionAsync(b, "1.0", ("Description", "b"));

        await _client.ReleaseAsync(a, "1.0");
        RpcAssert.Success(await Call("DeleteEdgeDriverVersion", b, "1.0"));

        Assert.Equal("1", (await _client.FindVersionAsync(a, "1.0")).GetProperty("VersionState").GetString());
        Assert.Equal(0, Total(await _client.QueryVersionsAsync(b, 1, 30)));
        RpcAssert.BusinessError(await Call("UpdateEdgeDriverVersion", b, "1.0", ("EdgeVersion", "2.4.0")), "iot.edge.DriverVersionNotExist");
    }

    public static TheoryData<string> VersionActions() =>
        ["CreateEdgeDriverVersion", "UpdateEdgeDriverVersion", "QueryEdgeDriverVersion", "DeleteEdgeDriverVersion", "ReleaseEdgeDriverVersion"];

    [Theory]
    [MemberData(nameof(VersionActions))]
    [InlineData("DeleteEdgeDriver")]
    public async Task An_unknown_DriverId_is_DriverNotExist(string action)
    {
        foreach (var driverId in new[] { UnknownId, "nope", UnknownId.ToUpperInvariant() })
        {
            var response = await _client.CallAsync(action, ("DriverId", driverId), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0"),
                ("CurrentPage", "1"), ("PageSize", "10"));

            Assert.Equal("The driver does not exist.", RpcAssert.BusinessError(response, "iot.edge.DriverNotExist"));
        }
    }

    [Fact]
    public async Task DriverIds_are_case_sensitive()
    {
        var id = await _client.CreateDriverAsync();

        RpcAssert.BusinessError(await _client.QueryVersionsAsync(id.ToUpperInvariant(), 1, 10), "iot.edge.DriverNotExist");
    }

    [Theory]
    [InlineData("UpdateEdgeDriverVersion")]
    [InlineData("DeleteEdgeDriverVersion")]
    [InlineData("ReleaseEdgeDriverVersion")]
    public async Task An_unknown_DriverVersion_is_DriverVersionNotExist(string action)
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0");

        var response = await Call(action, id, "1.0.0", ("EdgeVersion", "2.4.0"));

        Assert.Equal("The driver version does not exist.", RpcAssert.BusinessError(response, "iot.edge.DriverVersionNotExist"));
    }

    [Fact]
    public async Task GetEdgeDriverVersion_returns_the_version()
    {
        var id = await _client.CreateDriverAsync();
        var created = NowMs;
        await _client.CreateVersionAsync(id, "1.0", await EverythingAsync(id, "1.0"));

        var data = RpcAssert.Success(await Call("GetEdgeDriverVersion", id, "1.0")).Data;

        Assert.Equal((await _client.FindVersionAsync(id, "1.0")).GetRawText(), data.GetRawText());
        AssertTimes(data, created, created);
    }

    [Fact]
    public async Task GetEdgeDriverVersion_of_an_unknown_driver_is_DriverNotExist() =>
        RpcAssert.BusinessError(await Call("GetEdgeDriverVersion", UnknownId, "1.0"), "iot.edge.DriverNotExist");

    [Fact]
    public async Task GetEdgeDriverVersion_of_an_unknown_version_is_DriverVersionNotExist()
    {
        var id = await _client.CreateDriverAsync();
        await _client.CreateVersionAsync(id, "1.0");

        RpcAssert.BusinessError(await Call("GetEdgeDriverVersion", id, "2.0"), "iot.edge.DriverVersionNotExist");
    }

    [Fact]
    public async Task Times_are_UTC_whatever_the_hour()
    {
        var id = await _client.CreateDriverAsync();
        // Move to just before midnight UTC: a local-time rendering would show another day or hour.
        var now = fixture.Clock.GetUtcNow();
        var target = new DateTimeOffset(now.Year, now.Month, now.Day, 23, 59, 58, 999, TimeSpan.Zero).AddDays(1);
        fixture.Clock.Advance(target - now);

        await _client.CreateVersionAsync(id, "late");

        var version = await _client.FindVersionAsync(id, "late");
        Assert.Equal(target.ToUnixTimeMilliseconds(), version.GetProperty("GmtCreateTimestamp").GetInt64());
        Assert.Equal(target.ToString("yyyy-MM-dd 23:59:58", CultureInfo.InvariantCulture), version.GetProperty("GmtCreate").GetString());
    }

    [Fact]
    public async Task Driver_times_are_the_creation_time()
    {
        var name = DriverCalls.UniqueName("time");
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(123));
        var created = NowMs;
        var id = await _client.CreateDriverAsync(name);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await _client.CreateVersionAsync(id, "1.0");

        var driver = RpcAssert.Success(await _client.CallAsync("BatchGetEdgeDriver", ("DriverIds.1", id))).Root.GetProperty("DriverList")[0];

        AssertTimes(driver, created, created);
    }
}
