using EdgeRegistry.Storage.Postgres;

namespace EdgeRegistry.Tests.Storage.Postgres;

/// <summary>The scale-out schema's migrations against a real PostgreSQL: once, under a lock, never backwards.</summary>
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private PostgresSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresSchema.CreateAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task An_empty_database_is_migrated_to_the_known_version_and_then_ready()
    {
        await using var database = PostgresDatabase.Open(_schema.ConnectionString);
        Assert.False(await database.IsReadyAsync(CancellationToken.None));

        Assert.Equal(PostgresDatabase.KnownVersion, await database.MigrateAsync(CancellationToken.None));
        Assert.Equal(0, await database.MigrateAsync(CancellationToken.None));
        Assert.True(await database.IsReadyAsync(CancellationToken.None));
        Assert.Equal(1, await _schema.ScalarAsync($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{_schema.Name}' AND table_name = 'driver_versions'"));
    }

    [Fact]
    public async Task Replicas_started_together_migrate_once()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => PostgresDatabase.Open(_schema.ConnectionString)).ToArray();
        try
        {
            var applied = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.MigrateAsync(CancellationToken.None))));

            Assert.Equal(PostgresDatabase.KnownVersion, applied.Sum());
            Assert.Equal(PostgresDatabase.KnownVersion, await _schema.ScalarAsync("SELECT count(*) FROM schema_migrations"));
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_schema_newer_than_the_binary_is_refused_saying_so()
    {
        await using var database = PostgresDatabase.Open(_schema.ConnectionString);
        await database.MigrateAsync(CancellationToken.None);
        await _schema.ExecuteAsync($"INSERT INTO schema_migrations (version) VALUES ({PostgresDatabase.KnownVersion + 1})");

        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => database.MigrateAsync(CancellationToken.None));
        Assert.Contains("upgrade edgereg", refused.Message, StringComparison.Ordinal);
        Assert.False(await database.IsReadyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_server_fails_readiness_within_the_connect_timeout()
    {
        await using var database = PostgresDatabase.Open("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        await Assert.ThrowsAnyAsync<Exception>(() => database.IsReadyAsync(CancellationToken.None));
    }
}
