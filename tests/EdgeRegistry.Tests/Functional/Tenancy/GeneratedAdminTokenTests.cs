using System.Text;
using EdgeRegistry.Tests.Functional.Infrastructure;
using Npgsql;

namespace EdgeRegistry.Tests.Functional.Tenancy;

/// <summary>A server without <c>EdgeRegistry:AdminToken</c>: it generates the operator token at first start.</summary>
public sealed class GeneratedAdminTokenFixture : ServerFixture
{
    protected override TestServerOptions Options => new() { Settings = new Dictionary<string, string?> { ["EdgeRegistry:AdminToken"] = null } };
}

/// <summary>
/// The generated token is saved to <c>&lt;data-dir&gt;/admin-token</c> (0600) and works; the database (SQLite files, or
/// a replica pair's PostgreSQL rows) holds only its hash.
/// </summary>
public sealed class GeneratedAdminTokenTests(GeneratedAdminTokenFixture fixture) : IClassFixture<GeneratedAdminTokenFixture>
{
    private string TokenPath => Path.Combine(fixture.Server.DataDir, "admin-token");

    private string Token() => File.ReadAllText(TokenPath).Trim();

    [Fact]
    public void The_token_file_is_readable_by_its_owner_only()
    {
        Assert.True(File.Exists(TokenPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenPath));
        }

        Assert.True(Token().Length >= 32, $"a short token: {Token()}");
    }

    [Fact]
    public async Task The_generated_token_opens_the_admin_API_and_the_configured_test_token_does_not()
    {
        AdminClient.Expect(await new AdminClient(fixture.Server.Http, Token()).GetAsync("/admin/accounts"), 200);
        AdminClient.Expect(await fixture.Server.Admin().GetAsync("/admin/accounts"), 401, "Unauthorized");
    }

    [Fact]
    public async Task No_file_of_the_database_holds_the_token_in_clear()
    {
        var token = Encoding.UTF8.GetBytes(Token());
        // Something written, so the WAL holds recent pages too.
        await new AdminClient(fixture.Server.Http, Token()).CreateAccountAsync();
        if (fixture.Server.PostgresConnectionString is { } postgres)
        {
            await AssertNoRowHoldsAsync(postgres, Token());
            return;
        }

        var dbFiles = Directory.EnumerateFiles(fixture.Server.DataDir).Where(f => Path.GetFileName(f).StartsWith("edgereg.db", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(dbFiles);
        foreach (var file in dbFiles)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.True(copy.ToArray().AsSpan().IndexOf(token) < 0, $"{Path.GetFileName(file)} holds the operator token");
        }
    }

    /// <summary>Replicas keep the database in PostgreSQL, where no file is theirs to read: every row of every table, as text.</summary>
    private static async Task AssertNoRowHoldsAsync(string connectionString, string token)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        async Task<long> RowsHoldingAsync(string table, string text)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" AS r WHERE strpos(r::text, @text) > 0", connection);
            count.Parameters.AddWithValue("text", text);
            return (long)(await count.ExecuteScalarAsync())!;
        }

        // The search finds what is there: the token's hash, in the one setting that holds it.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.Equal(1, await RowsHoldingAsync("server_settings", hash));
        foreach (var table in tables)
        {
            Assert.True(await RowsHoldingAsync(table, token) == 0, $"a row of {table} holds the operator token");
        }
    }

    [Fact]
    public async Task After_a_restart_the_same_token_still_works_and_the_file_is_unchanged()
    {
        var token = Token();
        await fixture.Server.StopAsync();
        await fixture.Server.StartAgainAsync();

        Assert.Equal(token, Token());
        AdminClient.Expect(await new AdminClient(fixture.Server.Http, token).GetAsync("/admin/accounts"), 200);
    }
}
