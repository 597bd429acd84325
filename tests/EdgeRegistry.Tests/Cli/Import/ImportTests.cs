using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Cli.Import;

/// <summary>
/// <c>edgereg admin import</c> from one real server into another, everything compared through the public API:
/// DriverIds, every driver and version field, states, times, and every byte of packages and FILE configs.
/// </summary>
public sealed class ImportTests(ImportServers servers) : IClassFixture<ImportServers>
{
    private static readonly string[] VersionFields =
        ["DriverId", "DriverVersion", "VersionState", "EdgeVersion", "Description", "ContainerConfig", "ConfigCheckRule", "Argument",
         "GmtCreateTimestamp", "GmtModifiedTimestamp", "GmtCreate", "GmtModified"];

    private static readonly string[] DriverFields =
        ["DriverId", "DriverName", "DriverProtocol", "Runtime", "CpuArch", "IsBuiltIn", "Type", "GmtCreateTimestamp", "GmtModifiedTimestamp", "GmtCreate", "GmtModified"];

    [Fact]
    public async Task Drivers_versions_and_files_arrive_with_their_ids_and_times_and_a_second_run_copies_nothing()
    {
        var (from, source) = await SourceAccountAsync();
        var to = await servers.Target.Admin().CreateAccountAsync();
        var package1 = PackageCalls.RandomBytes(300_000);
        var package2 = PackageCalls.RandomBytes(5_000);
        var config = Encoding.UTF8.GetBytes("{\"port\":502,\"unit\":\"°C\"}");
        var modbus = await source.CreateDriverAsync(protocol: "modbus", runtime: "python3", more: [("CpuArch", "aarch64")]);
        var opc = await source.CreateDriverAsync(protocol: "opc-ua", runtime: "nodejs8", more: [("IsBuiltIn", "true")]);
        var package1Url = await source.UploadPackageAsync(modbus, "1.0.0", package1);
        var configUrl = await source.UploadDefaultConfigAsync(modbus, "1.0.0", config);
        // A FILE config must be readable by the importer: EdgeRegistry serves an object only through a link it signed.
        await source.CreateVersionAsync(modbus, "1.0.0", ("Description", "first"), ("SourceConfig", PackageCalls.SourceConfig(package1Url)),
            ("DriverConfig", PackageCalls.FileConfig(servers.Source.DownloadLink(configUrl))), ("Argument", "-Xmx64m"),
            ("ConfigCheckRule", "{\"deviceConfig\":{\"required\":true},\"driverConfig\":{\"required\":false}}"));
        await source.ReleaseAsync(modbus, "1.0.0");
        var package2Url = await source.UploadPackageAsync(modbus, "1.1.0", package2);
        await source.CreateVersionAsync(modbus, "1.1.0", ("SourceConfig", PackageCalls.SourceConfig(package2Url)),
            ("ContainerConfig", "{\"privileged\":1,\"hostNetworkMode\":1}"), ("DriverConfig", "[{\"format\":\"KV\",\"content\":\"a=1\"}]"));
        await source.CreateVersionAsync(opc, "0.1", ("EdgeVersion", "2.7.0"));

        var first = await servers.ImportAsync(from, to.AccountId, null, "--output", "json");

        Assert.True(first.ExitCode == 0, first.Out + first.Error);
        var summary = ImportServers.Summary(first);
        Assert.Equal(2, summary.GetProperty("driversCreated").GetInt32());
        Assert.Equal(3, summary.GetProperty("versionsCreated").GetInt32());
        Assert.Equal(3, summary.GetProperty("files").GetInt32());
        Assert.Equal(package1.Length + package2.Length + config.Length, summary.GetProperty("bytes").GetInt64());
        var target = servers.Target.ClientFor(to);
        await AssertSameDriversAsync(source, target, [modbus, opc]);
        Assert.Equal(package1, await DownloadPackageAsync(target, modbus, "1.0.0"));
        Assert.Equal(package2, await DownloadPackageAsync(target, modbus, "1.1.0"));
        var copiedConfig = (await target.FindVersionAsync(modbus, "1.0.0")).GetProperty("DriverConfig").GetString()!;
        var copiedConfigUrl = JsonDocument.Parse(copiedConfig).RootElement[0].GetProperty("content").GetString()!;
        Assert.StartsWith(servers.Target.BaseUri.GetLeftPart(UriPartial.Authority) + "/oss/", copiedConfigUrl, StringComparison.Ordinal);
        Assert.Equal(config, await servers.Target.Http.GetByteArrayAsync(servers.Target.DownloadLink(copiedConfigUrl)));

        var second = await servers.ImportAsync(from, to.AccountId, null, "--output", "json");

        Assert.True(second.ExitCode == 0, second.Out + second.Error);
        var again = ImportServers.Summary(second);
        Assert.Equal(0, again.GetProperty("files").GetInt32());
        Assert.Equal(0, again.GetProperty("driversCreated").GetInt32() + again.GetProperty("versionsCreated").GetInt32() + again.GetProperty("versionsReplaced").GetInt32());
        Assert.Equal(3, again.GetProperty("versionsUnchanged").GetInt32());

        // A changed unpublished version is replaced; the published one stays as it is.
        RpcAssert.Success(await source.CallAsync("UpdateEdgeDriverVersion", ("DriverId", modbus), ("DriverVersion", "1.1.0"), ("EdgeVersion", "2.5.0"),
            ("Description", "second try"), ("SourceConfig", PackageCalls.SourceConfig(package2Url))));
        var third = await servers.ImportAsync(from, to.AccountId, null, "--output", "json");

        Assert.True(third.ExitCode == 0, third.Out + third.Error);
        Assert.Equal(1, ImportServers.Summary(third).GetProperty("versionsReplaced").GetInt32());
        Assert.Equal("1.1.0", Assert.Single(ImportServers.Steps(third, "replace")).GetProperty("version").GetString());
        await AssertSameDriversAsync(source, target, [modbus, opc]);
        Assert.Equal("second try", (await target.FindVersionAsync(modbus, "1.1.0")).GetProperty("Description").GetString());
    }

    [Fact]
    public async Task A_published_version_that_differs_is_a_conflict_left_as_it_is()
    {
        var (from, source) = await SourceAccountAsync();
        var to = await servers.Target.Admin().CreateAccountAsync();
        var driver = await source.CreateDriverAsync();
        await source.CreateVersionAsync(driver, "1.0", ("Description", "as imported"));
        Assert.Equal(0, (await servers.ImportAsync(from, to.AccountId, null)).ExitCode);
        var target = servers.Target.ClientFor(to);
        await target.ReleaseAsync(driver, "1.0");
        RpcAssert.Success(await source.CallAsync("UpdateEdgeDriverVersion", ("DriverId", driver), ("DriverVersion", "1.0"), ("EdgeVersion", "2.4.0"),
            ("Description", "changed at the source")));

        var run = await servers.ImportAsync(from, to.AccountId, null, "--output", "json");

        Assert.True(run.ExitCode == 4, run.Out + run.Error);
        var conflict = Assert.Single(ImportServers.Steps(run, "conflict"));
        Assert.Contains("published at the target", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("as imported", (await target.FindVersionAsync(driver, "1.0")).GetProperty("Description").GetString());
    }

    [Fact]
    public async Task A_driver_with_the_same_id_and_other_fields_at_the_target_is_a_conflict_and_its_versions_stay_out()
    {
        var (from, source) = await SourceAccountAsync();
        var to = await servers.Target.Admin().CreateAccountAsync();
        var driver = await source.CreateDriverAsync(protocol: "modbus", runtime: "python3");
        await source.CreateVersionAsync(driver, "1.0");
        AdminClient.Expect(await servers.Target.Admin().PutAsync($"/admin/accounts/{to.AccountId}/drivers/{driver}",
            """{"name":"someone_else","protocol":"modbus","runtime":"nodejs8","cpuArch":"","isBuiltIn":false,"createdMs":1600000000000,"modifiedMs":1600000000000}"""), 201);

        var run = await servers.ImportAsync(from, to.AccountId, null, "--output", "json");

        Assert.True(run.ExitCode == 4, run.Out + run.Error);
        var conflict = Assert.Single(ImportServers.Steps(run, "conflict"));
        Assert.Null(conflict.GetProperty("version").GetString());
        Assert.Contains("runtime: nodejs8 here, python3 at the source", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, ImportServers.Summary(run).GetProperty("versionsCreated").GetInt32());
        Assert.Equal(0, RpcAssert.Success(await servers.Target.ClientFor(to).QueryVersionsAsync(driver, 1, 30)).Data.GetProperty("Total").GetInt32());
    }

    [Fact]
    public async Task A_FILE_config_at_its_permanent_URL_is_read_with_the_source_key_and_copied()
    {
        var (from, source) = await SourceAccountAsync();
        var to = await servers.Target.Admin().CreateAccountAsync();
        var driver = await source.CreateDriverAsync();
        var config = Encoding.UTF8.GetBytes("{\"port\":502,\"slave\":7}");
        // The permanent URL, as a user stores it: the source serves it to no presigned link, only to the owner's
        // AccessKey signature, which the import sends once the plain GET is refused.
        var configUrl = await source.UploadDefaultConfigAsync(driver, "1.0", config);
        await source.CreateVersionAsync(driver, "1.0", ("DriverConfig", PackageCalls.FileConfig(configUrl)));
        await source.ReleaseAsync(driver, "1.0");
        await source.CreateVersionAsync(driver, "2.0");

        var run = await servers.ImportAsync(from, to.AccountId, null, "--output", "json");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var summary = ImportServers.Summary(run);
        Assert.Equal(2, summary.GetProperty("versionsCreated").GetInt32());
        Assert.Equal(1, summary.GetProperty("files").GetInt32());
        Assert.Equal(config.Length, summary.GetProperty("bytes").GetInt64());
        var target = servers.Target.ClientFor(to);
        await AssertSameDriversAsync(source, target, [driver]);
        var copied = (await target.FindVersionAsync(driver, "1.0")).GetProperty("DriverConfig").GetString()!;
        var copiedUrl = JsonDocument.Parse(copied).RootElement[0].GetProperty("content").GetString()!;
        Assert.StartsWith(servers.Target.BaseUri.GetLeftPart(UriPartial.Authority) + "/oss/", copiedUrl, StringComparison.Ordinal);
        Assert.Equal(config, await servers.Target.Http.GetByteArrayAsync(servers.Target.DownloadLink(copiedUrl)));

        // The second run compares the config by its bytes, read the same signed way: nothing to copy.
        var again = await servers.ImportAsync(from, to.AccountId, null, "--output", "json");

        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Equal(0, ImportServers.Summary(again).GetProperty("files").GetInt32());
        Assert.Equal(2, ImportServers.Summary(again).GetProperty("versionsUnchanged").GetInt32());
    }

    [Fact]
    public async Task A_FILE_config_the_source_cannot_serve_even_to_its_key_is_a_reported_conflict_not_a_dangling_copy()
    {
        var (from, source) = await SourceAccountAsync();
        var to = await servers.Target.Admin().CreateAccountAsync();
        var driver = await source.CreateDriverAsync();
        var config = PackageCalls.RandomBytes(777);
        var configUrl = await source.UploadDefaultConfigAsync(driver, "1.0", config);
        await source.CreateVersionAsync(driver, "1.0", ("DriverConfig", PackageCalls.FileConfig(configUrl)));
        await source.CreateVersionAsync(driver, "2.0");
        // The source lost the bytes: the plain GET is refused (403) and the signed one finds nothing (404 NoSuchKey).
        File.Delete(Assert.Single(servers.Source.BlobFiles(), f => File.ReadAllBytes(f).AsSpan().SequenceEqual(config)));

        var run = await servers.ImportAsync(from, to.AccountId, null, "--output", "json");

        Assert.True(run.ExitCode == 4, run.Out + run.Error);
        var conflict = Assert.Single(ImportServers.Steps(run, "conflict"));
        Assert.Equal("1.0", conflict.GetProperty("version").GetString());
        var detail = conflict.GetProperty("detail").GetString()!;
        Assert.StartsWith("a file could not be read at the source: the download failed", detail, StringComparison.Ordinal);
        Assert.Contains("NoSuchKey, HTTP 404", detail, StringComparison.Ordinal);
        var versions = RpcAssert.Success(await servers.Target.ClientFor(to).QueryVersionsAsync(driver, 1, 30)).Data.GetProperty("DriverVersionList");
        Assert.Equal("2.0", Assert.Single(versions.EnumerateArray()).GetProperty("DriverVersion").GetString());
    }

    [Fact]
    public async Task A_DriverId_held_by_another_account_of_the_target_is_refused()
    {
        var (from, source) = await SourceAccountAsync();
        var first = await servers.Target.Admin().CreateAccountAsync();
        var second = await servers.Target.Admin().CreateAccountAsync();
        var driver = await source.CreateDriverAsync();
        Assert.Equal(0, (await servers.ImportAsync(from, first.AccountId, null)).ExitCode);

        var run = await servers.ImportAsync(from, second.AccountId, null, "--output", "json");

        Assert.True(run.ExitCode == 4, run.Out + run.Error);
        var refused = Assert.Single(ImportServers.Steps(run, "refused"));
        Assert.Equal(driver, refused.GetProperty("driverId").GetString());
        Assert.Contains($"already exists in account {first.AccountId}; DriverIds are global", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, RpcAssert.Success(await servers.Target.ClientFor(second).CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "30"), ("Type", "1")))
            .Data.GetProperty("Total").GetInt32());
    }

    [Fact]
    public async Task A_dry_run_shows_the_plan_and_writes_nothing()
    {
        var (from, source) = await SourceAccountAsync();
        var to = await servers.Target.Admin().CreateAccountAsync();
        var driver = await source.CreateDriverAsync();
        await source.CreateVersionAsync(driver, "1.0", ("SourceConfig", PackageCalls.SourceConfig(await source.UploadPackageAsync(driver, "1.0"))));

        var run = await servers.ImportAsync(from, to.AccountId, null, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("dry run: nothing was written", run.Out, StringComparison.Ordinal);
        Assert.Contains(driver, run.Out, StringComparison.Ordinal);
        Assert.Equal(0, RpcAssert.Success(await servers.Target.ClientFor(to).CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "30"), ("Type", "1")))
            .Data.GetProperty("Total").GetInt32());
    }

    [Fact]
    public async Task An_enterprise_instance_imports_into_an_enterprise_instance_through_a_throttled_source()
    {
        var (from, source) = await SourceAccountAsync();
        var to = await servers.Target.Admin().CreateAccountAsync();
        var sourceInstance = await servers.Source.Admin().CreateInstanceAsync(from.AccountId);
        var targetInstance = await servers.Target.Admin().CreateInstanceAsync(to.AccountId);
        var inSource = ("IotInstanceId", sourceInstance);
        var drivers = new List<string>();
        for (var d = 0; d < 3; d++)
        {
            drivers.Add(await source.CreateDriverAsync(more: [inSource]));
            for (var v = 0; v < 3; v++)
            {
                await source.CreateVersionAsync(drivers[d], $"1.{v}", inSource);
            }

            RpcAssert.Success(await source.CallAsync("ReleaseEdgeDriverVersion", ("DriverId", drivers[d]), ("DriverVersion", "1.0"), inSource));
        }

        // The default limits again, and one listing call a second: the import must wait for its turns.
        AdminClient.Expect(await servers.Source.Admin().DeleteAsync($"/admin/accounts/{from.AccountId}/quotas/*"), 204);
        await servers.Source.Admin().SetQuotaAsync(from.AccountId, "QueryEdgeDriverVersion", 1);
        var waits = new ConcurrentQueue<TimeSpan>();
        var run = await servers.ImportAsync(from, to.AccountId, (wait, token) =>
        {
            waits.Enqueue(wait);
            return Task.Delay(wait, token);
        }, "--from-instance", sourceInstance, "--instance", targetInstance, "--output", "json");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.NotEmpty(waits);
        Assert.Equal(9, ImportServers.Summary(run).GetProperty("versionsCreated").GetInt32());
        var target = servers.Target.ClientFor(to);
        var listed = RpcAssert.Success(await target.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "30"), ("Type", "1"), ("IotInstanceId", targetInstance)));
        Assert.Equal(drivers.Order(), listed.Data.GetProperty("DriverList").EnumerateArray().Select(d => d.GetProperty("DriverId").GetString()!).Order());
        var inPublic = RpcAssert.Success(await target.CallAsync("QueryEdgeDriver", ("CurrentPage", "1"), ("PageSize", "30"), ("Type", "1")));
        Assert.Equal(0, inPublic.Data.GetProperty("Total").GetInt32());
        var published = RpcAssert.Success(await target.CallAsync("QueryEdgeDriverVersion", ("DriverId", drivers[0]), ("CurrentPage", "1"), ("PageSize", "30"),
            ("VersionState", "1"), ("IotInstanceId", targetInstance)));
        Assert.Equal("1.0", Assert.Single(published.Data.GetProperty("DriverVersionList").EnumerateArray()).GetProperty("DriverVersion").GetString());
    }

    private async Task<(NewAccount Account, RpcTestClient Client)> SourceAccountAsync()
    {
        var account = await servers.Source.Admin().CreateAccountAsync();
        // Setting up goes faster than the default limits allow; the instance test puts them back for the import.
        await servers.Source.Admin().SetQuotaAsync(account.AccountId, "*", null);
        return (account, servers.Source.ClientFor(account));
    }

    private static async Task AssertSameDriversAsync(RpcTestClient source, RpcTestClient target, IReadOnlyList<string> driverIds)
    {
        var ids = driverIds.Select((id, i) => ($"DriverIds.{i + 1}", id)).ToArray();
        var have = RpcAssert.Success(await source.CallAsync("BatchGetEdgeDriver", ids)).Root.GetProperty("DriverList").EnumerateArray().ToList();
        var got = RpcAssert.Success(await target.CallAsync("BatchGetEdgeDriver", ids)).Root.GetProperty("DriverList").EnumerateArray().ToList();
        Assert.Equal(have.Count, got.Count);
        for (var i = 0; i < have.Count; i++)
        {
            foreach (var field in DriverFields)
            {
                Assert.Equal(have[i].GetProperty(field).ToString(), got[i].GetProperty(field).ToString());
            }

            var driverId = have[i].GetProperty("DriverId").GetString()!;
            var sourceVersions = (await AllVersionsAsync(source, driverId)).ToList();
            var targetVersions = (await AllVersionsAsync(target, driverId)).ToList();
            Assert.Equal(sourceVersions.Count, targetVersions.Count);
            for (var v = 0; v < sourceVersions.Count; v++)
            {
                foreach (var field in VersionFields)
                {
                    Assert.Equal(sourceVersions[v].GetProperty(field).ToString(), targetVersions[v].GetProperty(field).ToString());
                }

                Assert.Equal(WithoutUrls(sourceVersions[v], "SourceConfig"), WithoutUrls(targetVersions[v], "SourceConfig"));
                Assert.Equal(WithoutUrls(sourceVersions[v], "DriverConfig"), WithoutUrls(targetVersions[v], "DriverConfig"));
            }
        }
    }

    private static async Task<IEnumerable<JsonElement>> AllVersionsAsync(RpcTestClient client, string driverId) =>
        RpcAssert.Success(await client.QueryVersionsAsync(driverId, 1, 30)).Data.GetProperty("DriverVersionList").EnumerateArray().Select(v => v.Clone()).ToList();

    /// <summary>A JSON field with every URL (which must differ between the two servers) blanked.</summary>
    private static string WithoutUrls(JsonElement version, string field) =>
        System.Text.RegularExpressions.Regex.Replace(version.GetProperty(field).GetString()!, "\"http://[^\"]*\"", "\"URL\"");

    private static async Task<byte[]> DownloadPackageAsync(RpcTestClient target, string driverId, string version)
    {
        var link = await target.TemporaryAddressAsync(driverId, version);
        var response = await target.GetObjectAsync(link);
        Assert.Equal(200, response.Status);
        return response.Body;
    }
}
