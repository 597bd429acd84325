using EdgeRegistry.Storage.Postgres;

namespace EdgeRegistry.Storage;

/// <summary>
/// Tells "a shared backend is down or too slow" from a bug, for the three surfaces that answer it with a 503 (the
/// RPC pipeline, the admin API, the object endpoint): a <see cref="StoreUnavailableException"/> (Redis, and
/// anything that already said so), a PostgreSQL connection failure, which the stores let through as Npgsql threw it,
/// or the embedded database's disk being full (SQLITE_FULL): nothing was written, and the same write succeeds once
/// there is room again.
/// </summary>
public static class StoreFailures
{
    private const int SqliteFull = 13;

    public static bool IsUnavailable(Exception e) =>
        e is StoreUnavailableException or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: SqliteFull } || PostgresFailures.IsUnavailable(e);
}
