using EdgeRegistry.Storage.Sqlite;

namespace EdgeRegistry.Tests.Storage;

/// <summary>A migrated SQLite file in a temp folder, removed afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgereg-store-").FullName;

    public TempDatabase()
    {
        Database = SqliteDatabase.OpenFile(FilePath);
        Database.Migrate();
    }

    public SqliteDatabase Database { get; }

    public string FilePath => Path.Combine(_dir, "edgereg.db");

    public void Dispose()
    {
        Database.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
