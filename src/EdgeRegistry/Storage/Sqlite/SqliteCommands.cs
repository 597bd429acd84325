using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>Short forms for a session's prepared commands; a command must name the connection's open transaction, if any.</summary>
internal static class SqliteCommands
{
    public static int Run(this SqliteSession session, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters) =>
        session.Command(transaction, sql, parameters).ExecuteNonQuery();

    public static long? Long(this SqliteSession session, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters) =>
        session.Command(transaction, sql, parameters).ExecuteScalar() is long value ? value : null;

    public static bool IsUniqueViolation(this SqliteException exception) =>
        exception.SqliteErrorCode == 19 && exception.SqliteExtendedErrorCode is 2067 or 1555;
}
