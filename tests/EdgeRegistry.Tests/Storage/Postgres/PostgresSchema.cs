using Npgsql;

namespace EdgeRegistry.Tests.Storage.Postgres;

/// <summary>
/// A fresh, empty schema in the test PostgreSQL that tests/engines/start.sh started (test.sh exports
/// <c>EDGEREG_TEST_POSTGRES</c>); its connection string puts the schema first on the search path, so each test
/// sees only its own tables. Dropped afterwards.
/// </summary>
public sealed class PostgresSchema : IAsyncDisposable
{
    private PostgresSchema(string server, string name)
    {
        Server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ConnectionString;
    }

    /// <summary>The server's connection string, as the engines script gave it.</summary>
    public string Server { get; }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresSchema> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("EDGEREG_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "EDGEREG_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL and Redis (tests/engines/start.sh), " +
                "or start them yourself and export the lines start.sh prints.");
        var schema = new PostgresSchema(server, "t_" + Guid.NewGuid().ToString("N"));
        await schema.ExecuteAsync($"CREATE SCHEMA {schema.Name}");
        return schema;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
