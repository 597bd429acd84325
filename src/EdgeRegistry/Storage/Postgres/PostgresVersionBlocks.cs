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

    private const string AddSql =
        "INSERT INTO version_blocks (driver_pk, list, block, n) VALUES (@pk, @list, @block, @n) " +
        "ON CONFLICT (driver_pk, list, block) DO UPDATE SET n = version_blocks.n + excluded.n";

    public static Task<int> AddAsync(NpgsqlConnection c, NpgsqlTransaction t, long driverPk, int list, long ord, int delta, CancellationToken cancellationToken) =>
        c.RunAsync(t, AddSql, cancellationToken, AddParameters(driverPk, list, ord, delta));

    /// <summary><see cref="AddAsync"/> as a statement of a batch.</summary>
    public static NpgsqlBatchCommand Add(long driverPk, int list, long ord, int delta) =>
        PostgresBatches.Statement(AddSql, AddParameters(driverPk, list, ord, delta));

    /// <summary>A new version counted in the unpublished and the all lists, in one statement.</summary>
    public static NpgsqlBatchCommand AddCreated(long driverPk, long ord) =>
        PostgresBatches.Statement(
            "INSERT INTO version_blocks (driver_pk, list, block, n) VALUES (@pk, @unpublished, @block, 1), (@pk, @all, @block, 1) " +
            "ON CONFLICT (driver_pk, list, block) DO UPDATE SET n = version_blocks.n + excluded.n",
            ("pk", driverPk), ("unpublished", Unpublished), ("all", All), ("block", ord >> BlockBits));

    private static (string, object?)[] AddParameters(long driverPk, int list, long ord, int delta) =>
        [("pk", driverPk), ("list", list), ("block", ord >> BlockBits), ("n", (long)delta)];

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

    /// <summary>One of a driver's newest versions, as <see cref="Newest"/> reads them.</summary>
    public sealed record NewestVersion(long Pk, string Version, long Ord, bool Published, long CreatedMs);

    /// <summary>
    /// Enough of the newest versions to find those created in the same millisecond as the newest in the usual case
    /// (a handful); only when all of them tie does <see cref="OrderTiesAsync"/> read up to <see cref="MaxTies"/>.
    /// </summary>
    public const int FirstTieRead = 32;

    public const int MaxTies = 1000;

    /// <summary>The newest <paramref name="limit"/> versions of a driver, newest first (read with <see cref="ReadNewest"/>).</summary>
    public static NpgsqlBatchCommand Newest(long driverPk, int limit) =>
        PostgresBatches.Statement(
            "SELECT version_pk, version, ord, published, created_ms FROM driver_versions WHERE driver_pk = @pk ORDER BY ord DESC LIMIT @limit",
            ("pk", driverPk), ("limit", limit));

    public static NewestVersion ReadNewest(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetBoolean(3), r.GetInt64(4));

    /// <summary>
    /// Gives the versions created in the same millisecond (always the newest of the driver) their ords in
    /// version-descending order, moving their block counts along when a version changes block. <paramref name="newest"/>
    /// is what <see cref="Newest"/> with <see cref="FirstTieRead"/> read after the insert; the moves go in one batch.
    /// </summary>
    public static async Task OrderTiesAsync(NpgsqlConnection c, NpgsqlTransaction t, long driverPk, long createdMs, IReadOnlyList<NewestVersion> newest, CancellationToken cancellationToken)
    {
        if (newest.Count == FirstTieRead && newest.All(v => v.CreatedMs == createdMs))
        {
            await using var batch = c.Batch(t, [Newest(driverPk, MaxTies)]);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            newest = await reader.TakeResultAsync(ReadNewest, cancellationToken);
        }

        var ties = newest.TakeWhile(v => v.CreatedMs == createdMs).ToArray();
        var ords = ties.Select(v => v.Ord).OrderDescending().ToArray();
        var wanted = ties.OrderByDescending(v => v.Version, StringComparer.Ordinal).ToArray();
        var moves = wanted.Select((v, i) => (v.Pk, v.Published, From: v.Ord, To: ords[i])).Where(m => m.From != m.To).ToArray();

        // Two passes through negative ords, because (driver_pk, ord) is unique at every step.
        var statements = new List<NpgsqlBatchCommand>();
        foreach (var move in moves)
        {
            statements.Add(MoveTo(move.Pk, -1 - move.To));
        }

        foreach (var move in moves)
        {
            statements.Add(MoveTo(move.Pk, move.To));
            if (move.From >> BlockBits != move.To >> BlockBits)
            {
                foreach (var list in new[] { All, move.Published ? Published : Unpublished })
                {
                    statements.Add(Add(driverPk, list, move.From, -1));
                    statements.Add(Add(driverPk, list, move.To, +1));
                }
            }
        }

        await c.RunBatchAsync(t, statements, cancellationToken);
    }

    private static NpgsqlBatchCommand MoveTo(long versionPk, long ord) =>
        PostgresBatches.Statement("UPDATE driver_versions SET ord = @ord WHERE version_pk = @vpk", ("ord", ord), ("vpk", versionPk));
}
