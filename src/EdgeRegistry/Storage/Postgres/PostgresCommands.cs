using System.Data;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>Short forms for the stores' commands: named parameters (<c>@name</c>), null as SQL NULL.</summary>
internal static class PostgresCommands
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> RunAsync(this NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long?> LongAsync(this NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            long value => value,
            int value => value,
            _ => null,
        };
    }

    /// <summary>Reads every row with <paramref name="read"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static bool IsUniqueViolation(this PostgresException e) => e.SqlState == PostgresErrorCodes.UniqueViolation;

    public static bool IsForeignKeyViolation(this PostgresException e) => e.SqlState == PostgresErrorCodes.ForeignKeyViolation;

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it. Replicas write concurrently under READ
    /// COMMITTED, so a deadlock (PostgreSQL aborts one of the two) or a serialization failure is retried from the
    /// start, as is any error <paramref name="retryWhen"/> calls transient; other errors roll back and propagate.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this NpgsqlDataSource dataSource, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work,
        CancellationToken cancellationToken, IsolationLevel isolation = IsolationLevel.ReadCommitted, Func<PostgresException, bool>? retryWhen = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
            try
            {
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException e) when (attempt < MaxAttempts && (IsConflict(e) || retryWhen?.Invoke(e) == true))
            {
                // Disposing the transaction rolls it back; a short random pause keeps two losers from meeting again.
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>A read in one snapshot, so a total and its page agree even while other replicas write.</summary>
    public static Task<T> InSnapshotAsync<T>(this NpgsqlDataSource dataSource, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> read, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(read, cancellationToken, IsolationLevel.RepeatableRead);

    private const int MaxAttempts = 8;

    private static bool IsConflict(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
