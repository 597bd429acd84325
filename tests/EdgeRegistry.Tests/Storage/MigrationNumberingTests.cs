using EdgeRegistry.Storage.Sqlite;

namespace EdgeRegistry.Tests.Storage;

/// <summary>A script's place in the list is its user_version, so a gap in the numbering stops the server at start-up.</summary>
public sealed class MigrationNumberingTests
{
    private static string Script(string name) => "EdgeRegistry.Storage.Sqlite.Migrations." + name;

    [Fact]
    public void Contiguous_numbers_pass()
    {
        SqliteDatabase.RequireContiguousNumbers([Script("0001_initial.sql"), Script("0002_objects.sql"), Script("0003_ram.sql")]);
    }

    [Fact]
    public void A_missing_number_is_named()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SqliteDatabase.RequireContiguousNumbers(
            [Script("0001_initial.sql"), Script("0002_objects.sql"), Script("0003_ram.sql"), Script("0005_version_object_refs.sql")]));

        Assert.Contains("0004 is missing", refused.Message, StringComparison.Ordinal);
        Assert.Contains("0005_version_object_refs.sql", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scripts_built_into_the_server_are_numbered_without_a_gap()
    {
        using var db = new TempDatabase();

        Assert.Equal(0, db.Database.Migrate());
    }
}
