using EdgeRegistry.Packages;
using EdgeRegistry.Storage.Postgres;
using EdgeRegistry.Tests.Packages;

namespace EdgeRegistry.Tests.Storage.Postgres;

/// <summary>The blob contract against blob_chunks in a fresh schema of the test PostgreSQL.</summary>
public sealed class PostgresBlobStoreTests : BlobStoreContract, IAsyncLifetime
{
    private PostgresSchema? _schema;
    private PostgresDatabase? _database;

    public async Task InitializeAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        _database = PostgresDatabase.Open(_schema.ConnectionString);
        await _database.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    protected override IBlobStore CreateStore() => new PostgresBlobStore(_database!);

    [Fact]
    public async Task A_blob_of_several_chunks_reads_back_from_any_offset_across_chunk_boundaries()
    {
        var data = GeneratedStream.Bytes(2 * PostgresBlobStore.ChunkSize + 5);
        var id = NewId();
        await Store.WriteAsync(id, new TricklingStream(data), null, 4L * PostgresBlobStore.ChunkSize, null, default);

        await using var stream = Store.OpenRead(id)!;
        Assert.Equal(data.Length, stream.Length);
        stream.Position = PostgresBlobStore.ChunkSize - 3;
        var across = new byte[10];
        await stream.ReadExactlyAsync(across);
        Assert.Equal(data.AsSpan(PostgresBlobStore.ChunkSize - 3, 10).ToArray(), across);
        stream.Seek(-2, SeekOrigin.End);
        Assert.Equal(data[^2..], new[] { (byte)stream.ReadByte(), (byte)stream.ReadByte() });
        Assert.Equal(-1, stream.ReadByte());
        Assert.Equal(data, await ReadAllAsync(id));
    }
}
