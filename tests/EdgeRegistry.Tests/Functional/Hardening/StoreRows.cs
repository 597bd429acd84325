using EdgeRegistry.Tests.Functional.Infrastructure;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// Writes straight into a running test server's SQLite file, for what no request can make: a row stored by an older
/// release (before a rule existed), or an object made old without moving the clock.
/// </summary>
public static class StoreRows
{
    public static int Execute(this TestServer server, string sql, params (string Name, object Value)[] parameters)
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
}
