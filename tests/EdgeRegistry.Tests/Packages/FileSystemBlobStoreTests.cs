using EdgeRegistry.Packages;

namespace EdgeRegistry.Tests.Packages;

/// <summary>The contract on disk, plus what only files have: leftovers, layout and crash clean-up.</summary>
public sealed class FileSystemBlobStoreTests : BlobStoreContract
{
    private readonly string _root = Path.Combine(Directory.CreateTempSubdirectory("edgereg-blobs-").FullName, "blobs");

    protected override IBlobStore CreateStore() => new FileSystemBlobStore(_root);

    public override void Dispose()
    {
        Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
        base.Dispose();
    }

    protected override async Task AssertNothingStoredAsync()
    {
        await base.AssertNothingStoredAsync();
        // Neither a blob in a prefix folder nor a temp file: a failed write leaves no bytes on disk at all.
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_blob_lies_in_the_folder_of_its_first_two_characters()
    {
        var id = "ab" + NewId()[2..];

        await Store.WriteAsync(id, new MemoryStream([1, 2]), 2, Limit, null, default);

        Assert.Equal([Path.Combine(_root, "ab", id)], Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Stale_temp_files_are_removed_at_construction_and_fresh_ones_kept()
    {
        _ = Store;
        var stale = Path.Combine(_root, "tmp", NewId() + ".crashed.tmp");
        var fresh = Path.Combine(_root, "tmp", NewId() + ".uploading.tmp");
        await File.WriteAllBytesAsync(stale, new byte[100]);
        await File.WriteAllBytesAsync(fresh, new byte[100]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - FileSystemBlobStore.StaleTempAge - TimeSpan.FromMinutes(1));

        var reopened = new FileSystemBlobStore(_root);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh)); // perhaps another replica's upload in progress
        await foreach (var id in reopened.ListAsync(default))
        {
            Assert.Fail($"A temp file was listed as blob {id}.");
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_blob_is_not_listed()
    {
        var id = NewId();
        await Store.WriteAsync(id, new MemoryStream([1]), 1, Limit, null, default);
        await File.WriteAllBytesAsync(Path.Combine(_root, id[..2], "notes.txt"), [1]);
        await File.WriteAllBytesAsync(Path.Combine(_root, "ff", id), [1]); // a valid id in the wrong folder

        Assert.Equal([id], await ListAsync());
    }
}
