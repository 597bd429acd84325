using EdgeRegistry.Hosting;
using Microsoft.Extensions.Configuration;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>Scale-out mode takes PostgreSQL and Redis together; half of it is refused at start-up with one line.</summary>
public sealed class ScaleOutSettingsTests
{
    private const string Postgres = "Host=db.internal;Database=edgereg;Username=edgereg;Password=hunter2";

    private static ServerSettings From(params (string Key, string Value)[] values) => ServerSettings.From(new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"EdgeRegistry:{v.Key}", v.Value)))
        .Build());

    [Fact]
    public void Both_set_is_scale_out_and_neither_is_the_embedded_mode()
    {
        var scaled = From(("Postgres", Postgres), ("Redis", "cache:6379"));
        Assert.True(scaled.ScaleOut);
        Assert.Equal("cache:6379", scaled.Redis);
        Assert.False(From().ScaleOut);
    }

    [Theory]
    [InlineData("Postgres", "Postgres is set but Redis is not: scale-out mode needs both (--postgres and --redis).")]
    [InlineData("Redis", "Redis is set but Postgres is not: scale-out mode needs both (--postgres and --redis).")]
    public void One_without_the_other_is_refused_naming_the_missing_one(string only, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() => From((only, only == "Postgres" ? Postgres : "cache:6379")));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_repeating_it()
    {
        var e = Assert.Throws<InvalidOperationException>(() => From(("Postgres", "Host=db;Nonsense=1;Password=hunter2"), ("Redis", "cache:6379")));

        Assert.StartsWith("Postgres is not an Npgsql connection string", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_storage_description_names_host_and_database_but_no_credentials()
    {
        var description = EdgeRegistry.Storage.Postgres.PostgresStorage.Describe(Postgres);

        Assert.Equal("PostgreSQL db.internal:5432/edgereg", description);
        Assert.DoesNotContain("hunter2", description, StringComparison.Ordinal);
    }
}
