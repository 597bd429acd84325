using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// Which Npgsql errors mean "PostgreSQL is unreachable, restarting or too slow" rather than "this statement is
/// wrong": the former are answered 503 (send it again later), the latter stay bugs (500) or business errors.
/// </summary>
public static class PostgresFailures
{
    /// <summary>
    /// Connection refused or reset, a timeout, an exhausted pool (Npgsql says so with <see cref="NpgsqlException.IsTransient"/>),
    /// or the server ending the session: shut down (57P01/57P02), starting up (57P03), out of connection slots
    /// (53300), or any connection exception (class 08).
    /// </summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException server => server.SqlState.StartsWith("08", StringComparison.Ordinal) || server.SqlState is PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        NpgsqlException client => client.IsTransient,
        _ => false,
    };

    /// <summary>
    /// The connection string with bounded waits unless it sets its own: a connect (and a wait for a pooled
    /// connection) gives up after 5 s, a statement after 6 s (Npgsql then waits up to its 2 s cancellation timeout),
    /// so a request meets a dead or frozen server with a 503 inside 10 s. Npgsql's defaults are 15 s and 30 s.
    /// </summary>
    public static string WithBoundedWaits(string connectionString) =>
        WithDefaults($"Timeout={ConnectTimeoutSeconds};Command Timeout={CommandTimeoutSeconds}", connectionString);

    /// <summary>
    /// The same bounded connect for package bytes, but 2 minutes a statement: a COPY of 1 GiB stalls for longer
    /// than <see cref="CommandTimeoutSeconds"/> when the server's disk is busy (measured: 503s on a loaded machine).
    /// A server that is down still fails at once; only a frozen one makes a transfer wait that long.
    /// </summary>
    public static string ForBulkTransfers(string connectionString) =>
        WithDefaults($"Timeout={ConnectTimeoutSeconds};Command Timeout={BulkCommandTimeoutSeconds}", connectionString);

    /// <summary>
    /// The same bounded waits, with Npgsql's multiplexing (statements of concurrent requests written to a shared
    /// connection together) and prepared statements: for single statements outside transactions that every read makes.
    /// </summary>
    public static string ForHotReads(string connectionString) =>
        WithDefaults($"Timeout={ConnectTimeoutSeconds};Command Timeout={CommandTimeoutSeconds};Multiplexing=true;Max Auto Prepare=16", connectionString);

    // Later keys win, so the operator's own values, coming after these, are kept.
    private static string WithDefaults(string defaults, string connectionString) =>
        new NpgsqlConnectionStringBuilder($"{defaults};{connectionString}").ConnectionString;

    public const int ConnectTimeoutSeconds = 5;

    public const int BulkCommandTimeoutSeconds = 120;

    public const int CommandTimeoutSeconds = 6;
}
