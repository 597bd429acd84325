using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Cli.Backup;

/// <summary>A package file a snapshot's database names, with the digest its upload recorded.</summary>
public sealed record BlobRow(string ObjectKey, string BlobId, long Length, string Sha256Hex)
{
    /// <summary>Throws when a copied file is not what the database says it is.</summary>
    public void Verify(string sha256Hex, long length, string where)
    {
        if (length != Length || !string.Equals(sha256Hex, Sha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupException(ExitCodes.Failed,
                $"The package file {BlobId} (object {ObjectKey}) in {where} does not match its recorded digest ({length} bytes, SHA-256 {sha256Hex}; expected {Length} bytes, {Sha256Hex}).");
        }
    }
}

/// <summary>Direct access to a database file for backup and restore (no server, no pool).</summary>
public static class SnapshotDatabase
{
    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Long(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>SQLite's quick integrity check of a copied database.</summary>
    public static void Check(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA quick_check;";
        if (check.ExecuteScalar() as string != "ok")
        {
            throw new BackupException(ExitCodes.Failed, $"{path} fails SQLite's integrity check: the database is damaged.");
        }
    }

    /// <summary>The counts for the manifest and every package file the database names.</summary>
    public static (BackupManifest Manifest, IReadOnlyList<BlobRow> Blobs) Describe(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);

        var blobs = new List<BlobRow>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT object_key, blob_id, length, sha256 FROM objects WHERE blob_id IS NOT NULL ORDER BY blob_id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new BlobRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3));
                // The id becomes a path: one that is not a blob id is damage (or a crafted file), never followed.
                blobs.Add(Packages.BlobId.IsValid(row.BlobId)
                    ? row
                    : throw new BackupException(ExitCodes.Failed, $"{path} names a package file \"{row.BlobId}\" that is not a blob id: the database is damaged."));
            }
        }

        var manifest = new BackupManifest(
            Format: 1,
            CreatedUtc: DateTimeOffset.UtcNow,
            SourceDataDir: "",
            SchemaVersion: Long(connection, "PRAGMA user_version;"),
            Drivers: Long(connection, "SELECT count(*) FROM drivers"),
            Versions: Long(connection, "SELECT count(*) FROM driver_versions"),
            PackageFiles: blobs.Count,
            PackageBytes: blobs.Sum(b => b.Length),
            SecretFiles: []);
        return (manifest, blobs);
    }
}
