using System.Text.RegularExpressions;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// Writes straight into a running test server's store, for what no request can make: a row stored by an older
/// release (before a rule existed, or copied over by <c>edgereg migrate</c>), or an object made old without moving
/// the clock. The embedded server's SQLite file, or a replica pair's PostgreSQL schema, whose tables have the same
/// names and columns.
/// </summary>
public static partial class StoreRows
{
    /// <summary>Runs <paramref name="sql"/> written for SQLite (parameters <c>$name</c>); returns the rows changed.</summary>
    public static int Execute(this TestServer server, string sql, params (string Name, object Value)[] parameters) =>
        server.PostgresConnectionString is { } postgres ? ExecutePostgres(postgres, sql, parameters) : ExecuteSqlite(server, sql, parameters);

    private static int ExecuteSqlite(TestServer server, string sql, (string Name, object Value)[] parameters)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(server.DataDir, "edgereg.db"),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>The same statement for Npgsql, whose named parameters are <c>@name</c>.</summary>
    private static int ExecutePostgres(string connectionString, string sql, (string Name, object Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(SqliteParameter().Replace(sql, "@$1"), connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name.TrimStart('$'), value);
        }

        return command.ExecuteNonQuery();
    }

    [GeneratedRegex(@"\$(\w+)")]
    private static partial Regex SqliteParameter();
}
