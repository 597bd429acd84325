using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>
/// Counts of versions per block of <see cref="BlockSize"/> consecutive ords, kept for three lists (unpublished,
/// published, all). A page deep in a driver's list starts by summing at most total/256 block counts to find its
/// block, then steps over fewer than 256 index entries — instead of OFFSET stepping over every version before it.
/// </summary>
internal static class VersionBlocks
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

    public static void Add(SqliteSession session, SqliteTransaction transaction, long driverPk, int list, long ord, int delta) =>
        session.Run(transaction,
            "INSERT INTO version_blocks (driver_pk, list, block, n) VALUES ($pk, $list, $block, $n) " +
            "ON CONFLICT (driver_pk, list, block) DO UPDATE SET n = n + excluded.n",
            ("$pk", driverPk), ("$list", list), ("$block", ord >> BlockBits), ("$n", delta));

    /// <summary>
    /// The block holding the version at <paramref name="offset"/> (0 = newest) of a list, and how many versions
    /// of the list come before that block.
    /// </summary>
    public static (long Block, long Before) Locate(SqliteSession session, SqliteTransaction transaction, long driverPk, int list, long offset)
    {
        var command = session.Command(transaction,
            "SELECT block, n FROM version_blocks WHERE driver_pk = $pk AND list = $list ORDER BY block DESC",
            ("$pk", driverPk), ("$list", list));
        using var reader = command.ExecuteReader();
        long before = 0;
        while (reader.Read())
        {
            var n = reader.GetInt64(1);
            if (before + n > offset)
            {
                return (reader.GetInt64(0), before);
            }

            before += n;
        }

        return (-1, before);
    }

    /// <summary>
    /// Gives the versions created in the same millisecond (always the newest of the driver) their ords in
    /// version-descending order, moving their block counts along when a version changes block.
    /// </summary>
    public static void OrderTies(SqliteSession session, SqliteTransaction transaction, long driverPk, long createdMs)
    {
        var ties = new List<(long Pk, string Version, long Ord, bool Published)>();
        var command = session.Command(transaction,
            "SELECT version_pk, version, ord, published, created_ms FROM driver_versions WHERE driver_pk = $pk ORDER BY ord DESC LIMIT 1000",
            ("$pk", driverPk));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read() && reader.GetInt64(4) == createdMs)
            {
                ties.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) != 0));
            }
        }

        var ords = ties.Select(t => t.Ord).OrderDescending().ToArray();
        var wanted = ties.OrderByDescending(t => t.Version, StringComparer.Ordinal).ToArray();
        var moves = wanted.Select((t, i) => (t.Pk, t.Published, From: t.Ord, To: ords[i])).Where(m => m.From != m.To).ToArray();

        // Two passes through negative ords, because (driver_pk, ord) is unique at every step.
        foreach (var move in moves)
        {
            session.Run(transaction, "UPDATE driver_versions SET ord = $ord WHERE version_pk = $vpk", ("$ord", -1 - move.To), ("$vpk", move.Pk));
        }

        foreach (var move in moves)
        {
            session.Run(transaction, "UPDATE driver_versions SET ord = $ord WHERE version_pk = $vpk", ("$ord", move.To), ("$vpk", move.Pk));
            if (move.From >> BlockBits != move.To >> BlockBits)
            {
                foreach (var list in new[] { All, move.Published ? Published : Unpublished })
                {
                    Add(session, transaction, driverPk, list, move.From, -1);
                    Add(session, transaction, driverPk, list, move.To, +1);
                }
            }
        }
    }
}
