using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace EdgeRegistry.Storage.Migration;

/// <summary>
/// Copies one table from the embedded database into PostgreSQL with one binary COPY, row by row as the SQLite
/// reader yields them (memory stays flat however many versions there are). Why raw rows and not the stores: the
/// store interfaces create (new DriverIds, creation times and ords, counters recomputed), while a migration must
/// keep every value as it is; and the two schemas are the same tables, so a column-for-column copy is exact and is
/// checked to be: a column either side lacks stops the migration instead of being dropped.
/// </summary>
internal static class TableCopier
{
    public static async Task<long> CopyAsync(EmbeddedSource source, NpgsqlConnection target, MigrationTable table, CancellationToken cancellationToken)
    {
        var types = await TargetColumnsAsync(target, table.Name, cancellationToken);
        var columns = source.Columns(table.Name);
        var missing = columns.Except(types.Keys).Concat(types.Keys.Except(columns)).ToList();
        if (missing.Count > 0)
        {
            throw new MigrationException(MigrationFailure.BadSource,
                $"Table {table.Name} has different columns in the embedded and the scale-out schema ({string.Join(", ", missing)}): this edgereg cannot copy it.");
        }

        var list = string.Join(", ", columns);
        long rows = 0;
        using (var command = source.Command($"SELECT {list} FROM {table.Name} ORDER BY {table.OrderBy}"))
        using (var reader = command.ExecuteReader())
        await using (var importer = await target.BeginBinaryImportAsync($"COPY {table.Name} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            while (reader.Read())
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < columns.Count; i++)
                {
                    await WriteAsync(importer, reader, i, types[columns[i]], cancellationToken);
                }

                rows++;
            }

            await importer.CompleteAsync(cancellationToken);
        }

        if (table.Identity is { } identity)
        {
            // COPY writes generated-always keys as given; the sequence must then continue after the largest.
            await using var next = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('{table.Name}', '{identity}'), coalesce(max({identity}), 0) + 1, false) FROM {table.Name}", target);
            await next.ExecuteScalarAsync(cancellationToken);
        }

        return rows;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, SqliteDataReader reader, int i, string type, CancellationToken cancellationToken)
    {
        if (reader.IsDBNull(i))
        {
            return importer.WriteNullAsync(cancellationToken);
        }

        return type switch
        {
            "bigint" => importer.WriteAsync(reader.GetInt64(i), NpgsqlDbType.Bigint, cancellationToken),
            "integer" => importer.WriteAsync(checked((int)reader.GetInt64(i)), NpgsqlDbType.Integer, cancellationToken),
            "boolean" => importer.WriteAsync(reader.GetInt64(i) != 0, NpgsqlDbType.Boolean, cancellationToken),
            "text" => importer.WriteAsync(reader.GetString(i), NpgsqlDbType.Text, cancellationToken),
            "bytea" => importer.WriteAsync(reader.GetFieldValue<byte[]>(i), NpgsqlDbType.Bytea, cancellationToken),
            _ => throw new MigrationException(MigrationFailure.BadSource, $"Column type {type} is not one edgereg migrate copies."),
        };
    }

    private static async Task<Dictionary<string, string>> TargetColumnsAsync(NpgsqlConnection target, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t", target);
        command.Parameters.AddWithValue("t", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns[reader.GetString(0)] = reader.GetString(1);
        }

        return columns;
    }
}
