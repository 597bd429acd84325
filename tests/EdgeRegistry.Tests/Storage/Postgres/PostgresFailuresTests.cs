using System.Net.Sockets;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Postgres;
using Npgsql;

namespace EdgeRegistry.Tests.Storage.Postgres;

/// <summary>
/// Which PostgreSQL errors are "the backend is down" (503, send it again) and which stay bugs, and the bounded waits
/// a connection string gets unless the operator chose their own.
/// </summary>
public sealed class PostgresFailuresTests
{
    [Fact]
    public void A_connection_string_without_waits_gets_bounded_ones()
    {
        var bounded = new NpgsqlConnectionStringBuilder(PostgresFailures.WithBoundedWaits("Host=db;Username=u;Database=d"));

        Assert.Equal(5, bounded.Timeout);
        Assert.Equal(6, bounded.CommandTimeout);
        Assert.Equal("db", bounded.Host);
        Assert.Equal(120, new NpgsqlConnectionStringBuilder(PostgresFailures.ForBulkTransfers("Host=db")).CommandTimeout);
    }

    [Theory]
    [InlineData("Host=db;Timeout=1;Command Timeout=30")]
    [InlineData("Host=db;timeout=1;CommandTimeout=30")]
    public void The_operator_s_own_waits_win(string connectionString)
    {
        var kept = new NpgsqlConnectionStringBuilder(PostgresFailures.WithBoundedWaits(connectionString));

        Assert.Equal(1, kept.Timeout);
        Assert.Equal(30, kept.CommandTimeout);
    }

    [Theory]
    [InlineData("57P01")]   // admin_shutdown: pg_ctl stop -m fast ended the session
    [InlineData("57P02")]   // crash_shutdown
    [InlineData("57P03")]   // cannot_connect_now: starting up or shutting down
    [InlineData("53300")]   // too_many_connections
    [InlineData("08006")]   // connection_failure
    public void Sessions_the_server_ends_or_refuses_are_unavailable(string sqlState) =>
        Assert.True(StoreFailures.IsUnavailable(new PostgresException("gone", "FATAL", "FATAL", sqlState)));

    [Theory]
    [InlineData("42601")]   // syntax_error: a bug
    [InlineData("23505")]   // unique_violation: a business outcome the stores map themselves
    [InlineData("40001")]   // serialization_failure: retried by the stores, never a backend outage
    public void Statement_errors_are_not(string sqlState) =>
        Assert.False(StoreFailures.IsUnavailable(new PostgresException("no", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void Socket_and_timeout_failures_are_unavailable_other_exceptions_are_not()
    {
        Assert.True(StoreFailures.IsUnavailable(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(StoreFailures.IsUnavailable(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.True(StoreFailures.IsUnavailable(new StoreUnavailableException("Redis is down")));
        Assert.False(StoreFailures.IsUnavailable(new InvalidOperationException("a bug")));
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_unavailable_at_once()
    {
        await using var database = PostgresDatabase.Open("Host=127.0.0.1;Port=1;Username=postgres");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => database.IsReadyAsync(CancellationToken.None));

        Assert.True(StoreFailures.IsUnavailable(thrown), thrown.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(PostgresFailures.ConnectTimeoutSeconds + 1), $"Took {clock.Elapsed}");
    }
}
