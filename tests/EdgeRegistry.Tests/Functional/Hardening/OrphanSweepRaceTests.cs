using System.Diagnostics;
using EdgeRegistry.Packages;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// A create naming an uploaded object no version names yet, while the orphan sweep removes it: acknowledged with the
/// object still downloadable, or refused naming SourceConfig.ossAddress. The old code gave a bad outcome in 4 to 16
/// percent of the attempts.
/// </summary>
public sealed class OrphanSweepRaceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Rounds = 25;
    private const int PerRound = 8;

    private readonly RpcTestClient _client = fixture.Client;

    [Fact]
    public async Task A_create_naming_an_object_the_orphan_sweep_is_removing_never_acknowledges_a_gone_package()
    {
        var id = await _client.CreateDriverAsync();
        var sweeper = fixture.Server.Services.GetRequiredService<OrphanSweeper>();
        var outcomes = new RaceOutcomes();
        // In rounds: a handful of uploads no version names yet, made old enough to sweep, then their creates and one
        // sweep started together. They are aged in the database: moving the clock would wake the background sweep,
        // which would take them before any create started.
        for (var round = 0; round < Rounds; round++)
        {
            var versions = Enumerable.Range(0, PerRound).Select(i => $"r{round}.{i}").ToArray();
            var packages = await Task.WhenAll(versions.Select(async version =>
            {
                var bytes = PackageCalls.RandomBytes(32);
                return (Address: await _client.UploadPackageAsync(id, version, bytes), Bytes: bytes);
            }));
            fixture.Server.Execute("UPDATE objects SET presigned_ms = presigned_ms - $age WHERE driver_id = $d AND blob_id IS NOT NULL",
                ("$age", (long)TimeSpan.FromHours(25).TotalMilliseconds), ("$d", id));

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var creates = versions.Select((version, i) => Task.Run(async () =>
            {
                await go.Task;
                var created = await _client.CallAsync("CreateEdgeDriverVersion", ("DriverId", id), ("DriverVersion", version), ("EdgeVersion", "2.4.0"),
                    ("SourceConfig", PackageCalls.SourceConfig(packages[i].Address)));
                await outcomes.JudgeAsync(created, "SourceConfig.ossAddress", () => RaceOutcomes.PackageDownloadsAsync(_client, id, version, packages[i].Bytes));
            })).ToArray();
            var sweep = Task.Run(async () =>
            {
                await go.Task;
                // Lands the sweep somewhere among the creates (an HTTP request takes a few milliseconds to
                // reach its store call) rather than before all of them.
                var until = Stopwatch.GetTimestamp() + Random.Shared.NextInt64(Stopwatch.Frequency * 10 / 1000);
                while (Stopwatch.GetTimestamp() < until)
                {
                    Thread.SpinWait(20);
                }

                await sweeper.SweepAsync(CancellationToken.None);
            });
            go.SetResult();
            await Task.WhenAll([.. creates, sweep]);
        }

        outcomes.AssertNoBadOutcome(Rounds * PerRound);
    }
}
