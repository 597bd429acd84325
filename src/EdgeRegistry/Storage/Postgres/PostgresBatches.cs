using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// Several statements in one round trip (an <see cref="NpgsqlBatch"/>). A replica pays for every round trip a
/// request waits on, not only in latency: the awaiting thread-pool worker finds no other work, spins (sched_yield)
/// and is woken again. Profiled, that spinning was over half of a replica's CPU for a CreateEdgeDriverVersion of ten
/// sequential round trips (bench/RESULTS.md, "Where a create's CPU went"). The statements still run one after the
/// other, in order, each in its own snapshot under READ COMMITTED; the first error stops the rest and fails the
/// transaction.
/// </summary>
internal static class PostgresBatches
{
    public static NpgsqlBatchCommand Statement(string sql, params (string Name, object? Value)[] parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            statement.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return statement;
    }

    public static NpgsqlBatch Batch(this NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<NpgsqlBatchCommand> statements)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement);
        }

        return batch;
    }

    /// <summary>Sends the statements and discards whatever they return.</summary>
    public static async Task RunBatchAsync(this NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<NpgsqlBatchCommand> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 0)
        {
            return;
        }

        await using var batch = connection.Batch(transaction, statements);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads every row of the reader's current result with <paramref name="read"/>, then moves to the next result.</summary>
    public static async Task<List<T>> TakeResultAsync<T>(this NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        return rows;
    }
}
