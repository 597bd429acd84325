using EdgeRegistry.Storage.Postgres;

namespace EdgeRegistry.Storage;

/// <summary>
/// Tells "a shared backend is down or too slow" from a bug, for the three surfaces that answer it with a 503 (the
/// RPC pipeline, the admin API, the object endpoint): a <see cref="StoreUnavailableException"/> (Redis, and
/// anything that already said so) or a PostgreSQL connection failure, which the stores let through as Npgsql threw it.
/// </summary>
public static class StoreFailures
{
    public static bool IsUnavailable(Exception e) => e is StoreUnavailableException || PostgresFailures.IsUnavailable(e);
}
