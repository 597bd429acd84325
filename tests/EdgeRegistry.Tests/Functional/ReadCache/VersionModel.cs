using System.Collections.Immutable;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.ReadCache;

/// <summary>What the writer believes a driver's versions are, newest first, and the random write that changes them.</summary>
internal sealed record VersionModel(ImmutableList<VersionModel.Version> Versions)
{
    public static VersionModel Empty { get; } = new([]);

    public sealed record Version(string Name, bool Published, string Description, string OssAddress);

    public string Describe() => string.Join("; ", Versions.Select(v =>
        $"{v.Name} {(v.Published ? "published" : "draft")} \"{v.Description}\" {v.OssAddress}"));

    /// <summary>The state after one random write, and the write itself (sent when the caller says).</summary>
    public async Task<(VersionModel Next, Func<Task> Write)> RandomWriteAsync(RpcTestClient client, string driverId, Random random, int n)
    {
        var drafts = Versions.Where(v => !v.Published).ToList();
        var kind = drafts.Count == 0 ? 0 : random.Next(4);
        if (kind == 0)
        {
            var created = new Version($"1.0.{n:D3}", false, $"created {n}", "-");
            return (this with { Versions = Versions.Insert(0, created) },
                () => client.CreateVersionAsync(driverId, created.Name, ("Description", created.Description)));
        }

        var target = drafts[random.Next(drafts.Count)];
        var at = Versions.IndexOf(target);
        switch (kind)
        {
            case 1:
            {
                // A full replace naming a freshly uploaded package: the package is in place before the write is sent.
                var address = await client.UploadPackageAsync(driverId, target.Name);
                var updated = target with { Description = $"updated {n}", OssAddress = address };
                return (this with { Versions = Versions.SetItem(at, updated) }, async () => RpcAssert.Success(await client.CallAsync("UpdateEdgeDriverVersion",
                    ("DriverId", driverId), ("DriverVersion", target.Name), ("EdgeVersion", "2.4.0"), ("Description", updated.Description),
                    ("SourceConfig", $"{{\"ossAddress\":\"{address}\"}}"))));
            }

            case 2:
                return (this with { Versions = Versions.SetItem(at, target with { Published = true }) },
                    () => client.ReleaseAsync(driverId, target.Name));
            default:
                return (this with { Versions = Versions.RemoveAt(at) }, async () => RpcAssert.Success(await client.CallAsync("DeleteEdgeDriverVersion",
                    ("DriverId", driverId), ("DriverVersion", target.Name))));
        }
    }
}
