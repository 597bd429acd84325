using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

public sealed partial class SqliteDriverStore
{
    public Task<StoreResult<Page<DriverVersion>>> QueryVersionsAsync(TenantScope scope, string driverId, VersionFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        using var session = database.Lease();
        using var snapshot = session.BeginTransaction(deferred: true);
        if (FindDriver(session, snapshot, scope, driverId) is not { } driver)
        {
            return Task.FromResult(StoreResult<Page<DriverVersion>>.Failed(StoreOutcome.DriverNotFound));
        }

        var page = filter.Version is { } exact
            ? ExactVersion(session, snapshot, driver, driverId, exact, filter.Published, offset)
            : ListPage(session, snapshot, driver, driverId, filter.Published, offset, limit);
        return Task.FromResult(new StoreResult<Page<DriverVersion>>(StoreOutcome.Ok, page));
    }

    private static Page<DriverVersion> ExactVersion(SqliteSession session, SqliteTransaction snapshot, DriverRow driver, string driverId, string version, bool? published, int offset)
    {
        var command = session.Command(snapshot,
            $"SELECT {VersionColumns} FROM driver_versions WHERE driver_pk = $pk AND version = $v" + (published is null ? "" : " AND published = $published"),
            ("$pk", driver.Pk), ("$v", version), ("$published", published == true ? 1 : 0));
        var match = ReadVersions(command, driverId);
        return new Page<DriverVersion>(offset == 0 ? match : [], match.Count);
    }

    /// <summary>
    /// A page of one list. Near either end OFFSET steps over fewer than a block of index entries; in the middle
    /// the block counts say where the page starts.
    /// </summary>
    private static Page<DriverVersion> ListPage(SqliteSession session, SqliteTransaction snapshot, DriverRow driver, string driverId, bool? published, int offset, int limit)
    {
        var total = published switch
        {
            null => driver.VersionCount,
            true => driver.PublishedCount,
            false => driver.VersionCount - driver.PublishedCount,
        };
        if (offset >= total)
        {
            return new Page<DriverVersion>([], (int)total);
        }

        var where = "driver_pk = $pk" + (published is null ? "" : " AND published = $published");
        var take = (int)Math.Min(limit, total - offset);
        List<DriverVersion> items;
        if (offset < VersionBlocks.BlockSize)
        {
            items = Select($"WHERE {where} ORDER BY ord DESC LIMIT $limit OFFSET $offset", limit, offset);
        }
        else if (total - offset - take < VersionBlocks.BlockSize)
        {
            items = Select($"WHERE {where} ORDER BY ord ASC LIMIT $limit OFFSET $offset", take, total - offset - take);
            items.Reverse();
        }
        else
        {
            var (block, before) = VersionBlocks.Locate(session, snapshot, driver.Pk, VersionBlocks.ListFor(published), offset);
            items = Select($"WHERE {where} AND ord < $below ORDER BY ord DESC LIMIT $limit OFFSET $offset", limit, offset - before,
                (block + 1) << VersionBlocks.BlockBits);
        }

        return new Page<DriverVersion>(items, (int)total);

        // Limits, offsets and bounds are parameters, so each shape of query is prepared once per session.
        List<DriverVersion> Select(string clauses, long selectLimit, long selectOffset, long below = 0)
        {
            var command = session.Command(snapshot, $"SELECT {VersionColumns} FROM driver_versions {clauses}",
                ("$pk", driver.Pk), ("$published", published == true ? 1 : 0), ("$limit", selectLimit), ("$offset", selectOffset), ("$below", below));
            return ReadVersions(command, driverId);
        }
    }

    private static List<DriverVersion> ReadVersions(SqliteCommand command, string driverId)
    {
        using var reader = command.ExecuteReader();
        var versions = new List<DriverVersion>();
        while (reader.Read())
        {
            versions.Add(ReadVersion(reader, driverId, first: 0));
        }

        return versions;
    }
}
