using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

/// <summary>
/// Counts of versions per block of <see cref="BlockSize"/> consecutive ords, kept for three lists (unpublished,
/// published, all), as in the SQLite store. A page deep in a driver's list finds its block by a running sum over
/// at most total/256 block counts, then steps over fewer than 256 index entries — instead of OFFSET stepping over
/// every version before it. Callers hold the driver row lock, so block counts never race.
/// </summary>
internal static class PostgresVersionBlocks
{
    public const int Unpublished = 0;
    public const int Published = 1;
    public const int All = 2;
    public const int BlockBits = 8;
    public const int BlockSize = 1 << BlockBits;

    public static int ListFor(bool? published) => published switch
    {
        null => All,
        true => Published,
        false => Unpublished,
    };

    public static Task<int> AddAsync(NpgsqlConnection c, NpgsqlTransaction t, long driverPk, int list, long ord, int delta, CancellationToken cancellationToken) =>
        c.RunAsync(t,
            "INSERT INTO version_blocks (driver_pk, list, block, n) VALUES (@pk, @list, @block, @n) " +
            "ON CONFLICT (driver_pk, list, block) DO UPDATE SET n = version_blocks.n + excluded.n",
            cancellationToken, ("pk", driverPk), ("list", list), ("block", ord >> BlockBits), ("n", (long)delta));

    /// <summary>
    /// The block holding the version at <paramref name="offset"/> (0 = newest) of a list, and how many versions
    /// of the list come before that block; the running sum is computed by the server, one row comes back.
    /// </summary>
    public static async Task<(long Block, long Before)> LocateAsync(NpgsqlConnection c, NpgsqlTransaction t, long driverPk, int list, long offset, CancellationToken cancellationToken)
    {
        var rows = await c.ListAsync(t,
            "SELECT block, before FROM (SELECT block, sum(n) OVER (ORDER BY block DESC) - n AS before, n FROM version_blocks " +
            "WHERE driver_pk = @pk AND list = @list) b WHERE before + n > @offset ORDER BY block DESC LIMIT 1",
            r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken, ("pk", driverPk), ("list", list), ("offset", offset));
        return rows.Count == 1 ? rows[0] : (-1, 0);
    }

    /// <summary>
    /// Gives the versions created in the same millisecond (always the newest of the driver) their ords in
    /// version-descending order, moving their block counts along when a version changes block.
    /// </summary>
    public static async Task OrderTiesAsync(NpgsqlConnection c, NpgsqlTransaction t, long driverPk, long createdMs, CancellationToken cancellationToken)
    {
        var newest = await c.ListAsync(t,
            "SELECT version_pk, version, ord, published, created_ms FROM driver_versions WHERE driver_pk = @pk ORDER BY ord DESC LIMIT 1000",
            r => (Pk: r.GetInt64(0), Version: r.GetString(1), Ord: r.GetInt64(2), Published: r.GetBoolean(3), CreatedMs: r.GetInt64(4)),
            cancellationToken, ("pk", driverPk));
        var ties = newest.TakeWhile(v => v.CreatedMs == createdMs).ToArray();
        var ords = ties.Select(v => v.Ord).OrderDescending().ToArray();
        var wanted = ties.OrderByDescending(v => v.Version, StringComparer.Ordinal).ToArray();
        var moves = wanted.Select((v, i) => (v.Pk, v.Published, From: v.Ord, To: ords[i])).Where(m => m.From != m.To).ToArray();

        // Two passes through negative ords, because (driver_pk, ord) is unique at every step.
        foreach (var move in moves)
        {
            await c.RunAsync(t, "UPDATE driver_versions SET ord = @ord WHERE version_pk = @vpk", cancellationToken, ("ord", -1 - move.To), ("vpk", move.Pk));
        }

        foreach (var move in moves)
        {
            await c.RunAsync(t, "UPDATE driver_versions SET ord = @ord WHERE version_pk = @vpk", cancellationToken, ("ord", move.To), ("vpk", move.Pk));
            if (move.From >> BlockBits != move.To >> BlockBits)
            {
                foreach (var list in new[] { All, move.Published ? Published : Unpublished })
                {
                    await AddAsync(c, t, driverPk, list, move.From, -1, cancellationToken);
                    await AddAsync(c, t, driverPk, list, move.To, +1, cancellationToken);
                }
            }
        }
    }
}
