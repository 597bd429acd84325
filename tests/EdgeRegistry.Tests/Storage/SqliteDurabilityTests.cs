using EdgeRegistry.Hosting;
using EdgeRegistry.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Storage;

/// <summary>
/// README "Durability": an acknowledged write survives a power loss by default (<c>synchronous=FULL</c>, level 2);
/// <c>--durability normal</c> trades that for write rate (level 1). SQLite keeps the level per connection, so it is
/// read back from the connections the server itself uses.
/// </summary>
public sealed class SqliteDurabilityTests
{
    private const long Normal = 1;
    private const long Full = 2;

    [Fact]
    public void A_database_file_opens_with_full_synchronous_writes_by_default()
    {
        using var temp = new TempDatabase();
        Assert.Equal(Full, temp.Database.SynchronousLevel());
    }

    [Fact]
    public void The_server_wiring_uses_full_without_a_setting_and_normal_when_asked()
    {
        Assert.Equal(Full, LevelOfServerDatabase(new Dictionary<string, string?>()));
        Assert.Equal(Normal, LevelOfServerDatabase(new Dictionary<string, string?> { ["EdgeRegistry:Durability"] = "normal" }));
        Assert.Equal(Full, LevelOfServerDatabase(new Dictionary<string, string?> { ["EdgeRegistry:Durability"] = "FULL" }));
    }

    [Fact]
    public void An_unknown_durability_is_refused_with_both_choices_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EdgeRegistry:Durability"] = "none" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => ServerSettings.From(configuration));
        Assert.Equal("Durability \"none\" is not full or normal.", error.Message);
    }

    private static long LevelOfServerDatabase(Dictionary<string, string?> values)
    {
        var dir = Directory.CreateTempSubdirectory("edgereg-durability-").FullName;
        try
        {
            values["EdgeRegistry:DataDir"] = dir;
            var settings = ServerSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
            using var services = new ServiceCollection().AddSqliteStorage(settings).BuildServiceProvider();
            var database = services.GetRequiredService<SqliteDatabase>();
            database.Migrate();
            return database.SynchronousLevel();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
