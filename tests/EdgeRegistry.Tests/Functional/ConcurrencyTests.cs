using System.Collections.Concurrent;
using System.Globalization;
using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>Concurrent writers on the real clock: uniqueness holds, counts are exact, readers see consistent pages.</summary>
public sealed class ConcurrencyTests(SystemClockServerFixture fixture) : IClassFixture<SystemClockServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    [Fact]
    public async Task Two_concurrent_creates_of_one_version_give_one_success_and_one_DriverVersionExist()
    {
        var id = await _client.CreateDriverAsync();
        for (var round = 0; round < 20; round++)
        {
            var version = "race." + round.ToString(CultureInfo.InvariantCulture);
            using var start = new Barrier(2);
            var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await _client.CallAsync("CreateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", version), ("EdgeVersion", "2.4.0"),
                    ("Description", "writer " + i.ToString(CultureInfo.InvariantCulture)));
            })));

            Assert.Single(both, r => r.Code == "Success");
            RpcAssert.BusinessError(Assert.Single(both, r => r.Code != "Success"), "iot.edge.DriverVersionExist");
        }

        var all = await _client.AllVersionsAsync(id);
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct().Count());
    }

    [Fact]
    public async Task Two_concurrent_creates_of_one_driver_name_give_one_DriverNameExist()
    {
        for (var round = 0; round < 10; round++)
        {
            var name = DriverCalls.UniqueName("race");
            using var start = new Barrier(2);
            var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await _client.CallAsync("CreateEdgeDriver", ("DriverName", name), ("DriverProtocol", "modbus"), ("Runtime", "c"));
            })));

            Assert.Single(both, r => r.Code == "Success");
            RpcAssert.BusinessError(Assert.Single(both, r => r.Code != "Success"), "iot.edge.DriverNameExist");
            var found = RpcAssert.Success(await _client.QueryDriversAsync(30, ("DriverName", name)));
            Assert.Equal(1, found.Data.GetProperty("Total").GetInt32());
        }
    }

    [Fact]
    public async Task Eight_writers_and_a_reader_end_with_exactly_200_distinct_versions()
    {
        var id = await _client.CreateDriverAsync();
        using var done = new CancellationTokenSource();
        var readerTotals = new ConcurrentQueue<int>();

        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var page = RpcAssert.Success(await _client.QueryVersionsAsync(id, 1, 30));
                var total = page.Data.GetProperty("Total").GetInt32();
                var versions = page.Data.GetProperty("DriverVersionList").EnumerateArray().Select(v => v.GetProperty("DriverVersion").GetString()).ToList();
                Assert.Equal(Math.Min(30, total), versions.Count);
                Assert.Equal(versions.Count, versions.Distinct().Count());
                readerTotals.Enqueue(total);
            }
        });
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await _client.CreateVersionAsync(id, $"w{w}.{i:D2}");
            }
        })).ToArray();

        // Both sides are awaited whatever fails: the reader must not outlive the test.
        async Task WriteThenStopReading()
        {
            try
            {
                await Task.WhenAll(writers);
            }
            finally
            {
                await done.CancelAsync();
            }
        }

        await Task.WhenAll(WriteThenStopReading(), reader);

        Assert.Equal(200, Total(await _client.QueryVersionsAsync(id, 1, 1)));
        var all = await _client.AllVersionsAsync(id);
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
        Assert.NotEmpty(readerTotals);
        var totals = readerTotals.ToArray();
        Assert.Equal(totals.Order(), totals);
        for (var w = 0; w < 8; w++)
        {
            // Each writer's versions were created one after another, so they are listed newest first.
            var mine = all.Where(v => v.StartsWith($"w{w}.", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"w{w}.{i:D2}"), mine);
        }
    }

    [Fact]
    public async Task The_list_is_ordered_by_creation_time_then_version_descending()
    {
        var id = await _client.CreateDriverAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await _client.CreateVersionAsync(id, $"{(char)('a' + w)}{i:D2}");
            }
        })));

        var items = new List<(long Created, string Version)>();
        for (var page = 1; page <= 2; page++)
        {
            var data = RpcAssert.Success(await _client.QueryVersionsAsync(id, page, 30)).Data;
            items.AddRange(data.GetProperty("DriverVersionList").EnumerateArray()
                .Select(v => (v.GetProperty("GmtCreateTimestamp").GetInt64(), v.GetProperty("DriverVersion").GetString()!)));
        }

        Assert.Equal(60, items.Count);
        var expected = items.OrderByDescending(i => i.Created).ThenByDescending(i => i.Version, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, items);
    }

    [Fact]
    public async Task Concurrent_releases_and_updates_of_one_version_never_change_a_published_version()
    {
        var id = await _client.CreateDriverAsync();
        for (var round = 0; round < 10; round++)
        {
            var version = "ru." + round.ToString(CultureInfo.InvariantCulture);
            await _client.CreateVersionAsync(id, version, ("Description", "before"));
            using var start = new Barrier(2);
            var release = Task.Run(async () =>
            {
                start.SignalAndWait();
                return await _client.CallAsync("ReleaseEdgeDriverVersion", ("DriverId", id), ("DriverVersion", version));
            });
            var update = Task.Run(async () =>
            {
                start.SignalAndWait();
                return await _client.CallAsync("UpdateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", version), ("EdgeVersion", "2.4.0"), ("Description", "after"));
            });

            await Task.WhenAll(release, update);
            RpcAssert.Success(await release);
            var updated = await update;
            var stored = await _client.FindVersionAsync(id, version);
            Assert.Equal("1", stored.GetProperty("VersionState").GetString());
            if (updated.Code == "Success")
            {
                Assert.Equal("after", stored.GetProperty("Description").GetString());
            }
            else
            {
                RpcAssert.BusinessError(updated, "iot.edge.DriverVersionPublished");
                Assert.Equal("before", stored.GetProperty("Description").GetString());
            }
        }
    }
}
