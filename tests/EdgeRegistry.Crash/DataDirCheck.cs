using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Crash;

/// <summary>The data dir of a killed server: SQLite's integrity check, and the package files against the objects table.</summary>
public sealed record DataDirCheck(string Integrity, int MissingBlobs, int UnreferencedBlobs, int TempFiles)
{
    public static DataDirCheck Run(string dataDir)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        string integrity;
        // Pooling off: the connection must really close, so no handle is open when the next server starts.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "edgereg.db")};Mode=ReadWrite;Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            integrity = string.Join("; ", Read(check));
            using var blobs = connection.CreateCommand();
            blobs.CommandText = "SELECT blob_id FROM objects WHERE blob_id IS NOT NULL;";
            referenced.UnionWith(Read(blobs));
        }

        var root = Path.Combine(dataDir, "blobs");
        var files = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d) != "tmp").SelectMany(Directory.EnumerateFiles).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)
            : [];
        var temp = Directory.Exists(Path.Combine(root, "tmp")) ? Directory.EnumerateFiles(Path.Combine(root, "tmp")).Count() : 0;
        return new DataDirCheck(integrity, referenced.Count(b => !files.Contains(b)), files.Count(f => !referenced.Contains(f!)), temp);
    }

    private static List<string> Read(SqliteCommand command)
    {
        var values = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
