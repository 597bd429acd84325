using BenchmarkDotNet.Attributes;
using EdgeRegistry.Auth;
using EdgeRegistry.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRegistry.Benchmarks;

/// <summary>
/// What a fresh nonce costs an authenticated request: in memory, in SQLite on the request's path (the check in
/// memory and a place in the queue), and in SQLite with its write (100 accepted, then one flush, per nonce).
/// </summary>
[MemoryDiagnoser]
public class NonceBenchmarks
{
    private const int Batch = 100;

    private readonly string _dir = Directory.CreateTempSubdirectory("edgereg-bench-nonces-").FullName;
    private SqliteDatabase _database = null!;
    private SqliteNonceStore _sqlite = null!;
    private InMemoryNonceStore _memory = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _database = SqliteDatabase.OpenFile(Path.Combine(_dir, "edgereg.db"));
        _database.Migrate();
        _sqlite = new SqliteNonceStore(_database, TimeProvider.System, NullLogger<SqliteNonceStore>.Instance);
        _memory = new InMemoryNonceStore(TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _database.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public ValueTask<bool> InMemory() => _memory.TryUseAsync("testid", NextNonce(), Expiry(), default);

    [Benchmark]
    public ValueTask<bool> SqliteAccept() => _sqlite.TryUseAsync("testid", NextNonce(), Expiry(), default);

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task SqliteAcceptAndWrite()
    {
        for (var i = 0; i < Batch; i++)
        {
            await _sqlite.TryUseAsync("testid", NextNonce(), Expiry(), default);
        }

        await _sqlite.FlushAsync(default);
    }

    /// <summary>As requests carry them: timestamps in whole seconds, so each second's nonces share one expiry.</summary>
    private static DateTimeOffset Expiry() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) + TimeSpan.FromMinutes(15);

    private string NextNonce() => (++_next).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}
