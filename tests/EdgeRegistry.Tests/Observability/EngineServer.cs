using EdgeRegistry.Tests.Functional.Infrastructure;
using EdgeRegistry.Tests.Storage.Postgres;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Tests.Observability;

/// <summary>
/// One server (not a replica pair, whatever <c>EDGEREG_TEST_MODE</c> says: a scrape must read the replica that did
/// the work) on the engine named: <c>sqlite</c>, the embedded mode on a SQLite file, or <c>postgres</c>, scale-out on
/// a fresh schema of the test PostgreSQL and the test Redis. <see cref="ExecuteAsync"/> runs SQL beside the server.
/// </summary>
public sealed class EngineServer : IAsyncDisposable
{
    private readonly PostgresSchema? _schema;

    private EngineServer(string engine, TestServer server, PostgresSchema? schema)
    {
        Engine = engine;
        Server = server;
        _schema = schema;
    }

    public string Engine { get; }

    public TestServer Server { get; }

    public static async Task<EngineServer> StartAsync(string engine, IReadOnlyDictionary<string, string?>? more = null)
    {
        var schema = engine == "postgres" ? await PostgresSchema.CreateAsync() : null;
        var settings = new Dictionary<string, string?>(more ?? new Dictionary<string, string?>())
        {
            // Empty: the embedded mode, and TestServer makes no pair of it.
            ["EdgeRegistry:Postgres"] = schema?.ConnectionString ?? "",
        };
        if (schema is not null)
        {
            settings["EdgeRegistry:Redis"] = Environment.GetEnvironmentVariable("EDGEREG_TEST_REDIS")
                ?? throw new InvalidOperationException("EDGEREG_TEST_REDIS is not set: run ./test.sh, or tests/engines/start.sh and export what it prints.");
        }

        var server = await TestServer.StartAsync(new TestServerOptions { FakeClock = false, Settings = settings });
        return new EngineServer(engine, server, schema);
    }

    /// <summary>Runs <paramref name="sql"/> on the server's database through a connection of the test's own.</summary>
    public async Task ExecuteAsync(string sql)
    {
        if (_schema is not null)
        {
            await _schema.ExecuteAsync(sql);
            return;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Server.DataDir, "edgereg.db"),
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
