using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Tests.Storage;

/// <summary>
/// The references from versions to the objects they name (migration 0005): the store refuses to insert one to an
/// object that is gone, the schema refuses to delete an object still named, and references left dangling by older
/// releases are dropped by the migration.
/// </summary>
public sealed class VersionObjectReferenceTests : IDisposable
{
    private static readonly TenantScope Scope = new("1000000000000001", "");
    private static readonly DriverVersionContent Content = new("2.4.0", "", "", "", "", "", "");

    private readonly TempDatabase _db = new();
    private readonly SqliteDriverStore _store;
    private readonly SqliteObjectCatalog _catalog;

    public VersionObjectReferenceTests()
    {
        _store = new SqliteDriverStore(_db.Database);
        _catalog = new SqliteObjectCatalog(_db.Database);
    }

    public void Dispose() => _db.Dispose();

    private async Task<string> DriverAsync()
    {
        var id = Guid.NewGuid().ToString("N");
        Assert.Equal(StoreOutcome.Ok, await _store.CreateDriverAsync(Scope, new Driver(id, "d" + id[..8], "modbus", "python3", "", false, 1, 1), default));
        return id;
    }

    private async Task<string> UploadedPackageAsync(string driverId, string version)
    {
        var key = $"driver/x/{ObjectKinds.DriverPackage}/{driverId}/{version}/1/{Guid.NewGuid():N}.zip";
        var registered = await _catalog.RegisterAsync(
            new StoredObject(key, Scope.AccountId, Scope.InstanceId, ObjectKinds.DriverPackage, driverId, version, "", "driver.zip", 1), default);
        Assert.Equal(RegisterOutcome.Registered, registered);
        Assert.Equal(CommitOutcome.Ok, (await _catalog.CommitUploadAsync(key, Guid.NewGuid().ToString("N"), new BlobWritten(1, "00", "00"), "application/zip", 2, default)).Outcome);
        return key;
    }

    private static ObjectReferences Package(string key) => new(key, [key]);

    private SqliteConnection Open(bool foreignKeys = true)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _db.FilePath, Pooling = false, ForeignKeys = foreignKeys }.ToString());
        connection.Open();
        return connection;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>ON DELETE RESTRICT is enforced by SQLite's trigger machinery: SQLITE_CONSTRAINT, "FOREIGN KEY constraint failed".</summary>
    private static void AssertForeignKeyRefusal(SqliteException refused)
    {
        Assert.Equal(19, refused.SqliteErrorCode);
        Assert.Contains("FOREIGN KEY constraint failed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_a_version_names_cannot_be_deleted()
    {
        var id = await DriverAsync();
        var key = await UploadedPackageAsync(id, "1.0");
        Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, id, "1.0", Content, Package(key), 10, default));

        using var connection = Open();
        var refused = Assert.Throws<SqliteException>(() => Run(connection, $"DELETE FROM objects WHERE object_key = '{key}'"));

        AssertForeignKeyRefusal(refused);
        Assert.Equal(key, (await _catalog.FindAsync(key, default))?.Key);
    }

    [Fact]
    public async Task Create_and_replace_naming_an_object_that_is_gone_write_nothing()
    {
        var id = await DriverAsync();
        var kept = await UploadedPackageAsync(id, "1.0");
        Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, id, "1.0", Content, Package(kept), 10, default));
        const string gone = "driver/x/DRIVER_VERSION_CONTENT/none/2.0/1/gone.zip";

        Assert.Equal(StoreOutcome.ObjectNotFound, await _store.CreateVersionAsync(Scope, id, "2.0", Content, Package(gone), 11, default));
        Assert.Equal(StoreOutcome.ObjectNotFound, await _store.ReplaceVersionAsync(Scope, id, "1.0", Content with { Description = "new" }, Package(gone), 12, default));

        Assert.Equal(StoreOutcome.VersionNotFound, (await _store.GetVersionAsync(Scope, id, "2.0", default)).Outcome);
        var unchanged = (await _store.GetVersionAsync(Scope, id, "1.0", default)).Value!;
        Assert.Equal(("", kept, 10L), (unchanged.Content.Description, unchanged.SourceObjectKey, unchanged.ModifiedMs));
    }

    [Fact]
    public async Task A_presign_registers_nothing_for_a_driver_that_is_gone_or_a_published_version()
    {
        var id = await DriverAsync();
        Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, id, "1.0", Content, ObjectReferences.None, 10, default));
        Assert.Equal(StoreOutcome.Ok, await _store.ReleaseVersionAsync(Scope, id, "1.0", 11, default));
        StoredObject Object(string driverId, string version, string kind) =>
            new($"k/{Guid.NewGuid():N}", Scope.AccountId, Scope.InstanceId, kind, driverId, version, "", "f.zip", 1);

        Assert.Equal(RegisterOutcome.Refused, await _catalog.RegisterAsync(Object(id, "1.0", ObjectKinds.DriverPackage), default));
        Assert.Equal(RegisterOutcome.Refused, await _catalog.RegisterAsync(Object(id, "9.9", ObjectKinds.InstanceConfig), default));
        Assert.Equal(RegisterOutcome.Refused, await _catalog.RegisterAsync(Object(Guid.NewGuid().ToString("N"), "1.0", ObjectKinds.DriverPackage), default));
        Assert.Equal(RegisterOutcome.Refused, await _catalog.RegisterAsync(Object(id, "2.0", ObjectKinds.DriverPackage) with { AccountId = "other" }, default));
        var taken = Object(id, "2.0", ObjectKinds.DriverPackage);
        Assert.Equal(RegisterOutcome.Registered, await _catalog.RegisterAsync(taken, default));
        Assert.Equal(RegisterOutcome.KeyTaken, await _catalog.RegisterAsync(taken, default));
        Assert.Equal(RegisterOutcome.Registered, await _catalog.RegisterAsync(Object(id, "1.0", ObjectKinds.InstanceConfig), default));
    }

    [Fact]
    public async Task Migration_0005_drops_references_to_objects_already_gone_and_keeps_the_others()
    {
        var id = await DriverAsync();
        var kept = await UploadedPackageAsync(id, "1.0");
        var lost = await UploadedPackageAsync(id, "2.0");
        Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, id, "1.0", Content, Package(kept), 10, default));
        Assert.Equal(StoreOutcome.Ok, await _store.CreateVersionAsync(Scope, id, "2.0", Content, Package(lost), 11, default));
        using (var connection = Open(foreignKeys: false))
        {
            // The table as 0002 made it, and the state the create-vs-delete race left: a version naming a deleted object.
            Run(connection, "DROP TABLE version_objects");
            Run(connection, "CREATE TABLE version_objects (version_pk INTEGER NOT NULL REFERENCES driver_versions (version_pk) ON DELETE CASCADE, " +
                "object_key TEXT NOT NULL, PRIMARY KEY (version_pk, object_key))");
            Run(connection, "CREATE INDEX version_objects_by_object ON version_objects (object_key)");
            Run(connection, "INSERT INTO version_objects SELECT version_pk, source_object_key FROM driver_versions");
            Run(connection, $"DELETE FROM objects WHERE object_key = '{lost}'");
            // And without what later migrations add, so that they apply again on top.
            Run(connection, "ALTER TABLE drivers DROP COLUMN revision");
            Run(connection, "ALTER TABLE scope_counts DROP COLUMN revision");
            Run(connection, "DROP TABLE storage_limits");
            Run(connection, "DROP INDEX objects_by_account");
            Run(connection, "PRAGMA user_version = 4");
        }

        using var migrated = SqliteDatabase.OpenFile(_db.FilePath);
        Assert.Equal(3, migrated.Migrate());

        var store = new SqliteDriverStore(migrated);
        Assert.Equal(kept, (await store.GetVersionAsync(Scope, id, "1.0", default)).Value!.SourceObjectKey);
        Assert.Null((await store.GetVersionAsync(Scope, id, "2.0", default)).Value!.SourceObjectKey);
        using var check = Open();
        using var references = check.CreateCommand();
        references.CommandText = "SELECT group_concat(object_key) FROM version_objects";
        Assert.Equal(kept, references.ExecuteScalar());
        var refused = Assert.Throws<SqliteException>(() => Run(check, $"DELETE FROM objects WHERE object_key = '{kept}'"));
        AssertForeignKeyRefusal(refused);
    }
}
