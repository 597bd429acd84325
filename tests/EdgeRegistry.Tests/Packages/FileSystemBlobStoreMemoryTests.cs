using EdgeRegistry.Packages;
using Xunit.Abstractions;

namespace EdgeRegistry.Tests.Packages;

/// <summary>Allocation counts are process-wide, so this runs with no other test alongside.</summary>
[CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
public sealed class AllocationMeasurement;

[Collection(nameof(AllocationMeasurement))]
public sealed class FileSystemBlobStoreMemoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgereg-blobs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_256_MiB_write_allocates_less_than_16_MiB()
    {
        const long size = 256L * 1024 * 1024;
        var store = new FileSystemBlobStore(Path.Combine(_dir, "blobs"));
        var id = Guid.NewGuid().ToString("N");
        // Warm up the code paths once so JIT and first-use allocations are not counted.
        await store.WriteAsync(Guid.NewGuid().ToString("N"), new GeneratedStream(1024 * 1024), null, size, null, default);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var written = await store.WriteAsync(id, new GeneratedStream(size), size, size, null, default);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"Writing 256 MiB allocated {allocated / 1024} KiB.");
        Assert.Equal(size, written.Length);
        Assert.True(allocated < 16 * 1024 * 1024, $"Writing 256 MiB allocated {allocated / 1024} KiB.");
        await using var stream = store.OpenRead(id)!;
        Assert.Equal(size, stream.Length);
    }
}
