using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using Npgsql;

namespace EdgeRegistry.Storage.Postgres;

public sealed partial class PostgresDriverStore
{
    public Task<StoreResult<Page<DriverVersion>>> QueryVersionsAsync(TenantScope scope, string driverId, VersionFilter filter, int offset, int limit, CancellationToken cancellationToken) =>
        Data.InSnapshotAsync(async (c, t) =>
        {
            if (await FindDriverAsync(c, t, scope, driverId, cancellationToken, forUpdate: false) is not { } driver)
            {
                return StoreResult<Page<DriverVersion>>.Failed(StoreOutcome.DriverNotFound);
            }

            var page = filter.Version is { } exact
                ? await ExactVersionAsync(c, t, driver, driverId, exact, filter.Published, offset, cancellationToken)
                : await ListPageAsync(c, t, driver, driverId, filter.Published, offset, limit, cancellationToken);
            return new StoreResult<Page<DriverVersion>>(StoreOutcome.Ok, page);
        }, cancellationToken);

    private static async Task<Page<DriverVersion>> ExactVersionAsync(NpgsqlConnection c, NpgsqlTransaction t, DriverRow driver, string driverId, string version, bool? published, int offset, CancellationToken cancellationToken)
    {
        var match = await c.ListAsync(t,
            $"SELECT {VersionColumns} FROM driver_versions WHERE driver_pk = @pk AND version = @v" + (published is null ? "" : " AND published = @published"),
            r => ReadVersion(r, driverId, first: 0), cancellationToken, ("pk", driver.Pk), ("v", version), ("published", published == true));
        return new Page<DriverVersion>(offset == 0 ? match : [], match.Count);
    }

    /// <summary>
    /// A page of one list. Near either end OFFSET steps over fewer than a block of index entries; in the middle
    /// the block counts say where the page starts.
    /// </summary>
    private static async Task<Page<DriverVersion>> ListPageAsync(NpgsqlConnection c, NpgsqlTransaction t, DriverRow driver, string driverId, bool? published, int offset, int limit, CancellationToken cancellationToken)
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

        var where = "driver_pk = @pk" + (published is null ? "" : " AND published = @published");
        var take = (int)Math.Min(limit, total - offset);
        List<DriverVersion> items;
        if (offset < PostgresVersionBlocks.BlockSize)
        {
            items = await SelectAsync($"WHERE {where} ORDER BY ord DESC LIMIT @limit OFFSET @offset", limit, offset);
        }
        else if (total - offset - take < PostgresVersionBlocks.BlockSize)
        {
            items = await SelectAsync($"WHERE {where} ORDER BY ord ASC LIMIT @limit OFFSET @offset", take, total - offset - take);
            items.Reverse();
        }
        else
        {
            var (block, before) = await PostgresVersionBlocks.LocateAsync(c, t, driver.Pk, PostgresVersionBlocks.ListFor(published), offset, cancellationToken);
            items = await SelectAsync($"WHERE {where} AND ord < @below ORDER BY ord DESC LIMIT @limit OFFSET @offset", limit, offset - before,
                (block + 1) << PostgresVersionBlocks.BlockBits);
        }

        return new Page<DriverVersion>(items, (int)total);

        Task<List<DriverVersion>> SelectAsync(string clauses, long selectLimit, long selectOffset, long below = 0) =>
            c.ListAsync(t, $"SELECT {VersionColumns} FROM driver_versions {clauses}", r => ReadVersion(r, driverId, first: 0), cancellationToken,
                ("pk", driver.Pk), ("published", published == true), ("limit", selectLimit), ("offset", selectOffset), ("below", below));
    }
}
