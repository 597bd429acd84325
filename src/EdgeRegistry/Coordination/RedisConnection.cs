using EdgeRegistry.Storage;
using StackExchange.Redis;

namespace EdgeRegistry.Coordination;

/// <summary>
/// The process's one connection to Redis (StackExchange.Redis multiplexes every command and subscription over it),
/// opened by the first caller. It never gives up: while Redis is away it keeps reconnecting by itself, and each
/// command fails within <see cref="CommandTimeout"/> with a <see cref="StoreUnavailableException"/>, so that a
/// request gets a 503 in bounded time instead of hanging or being let through uncounted.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    /// <summary>How long the first connect, and each command, may take; a request waits at most about twice this.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    private readonly ConfigurationOptions _options;
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;

    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>.</param>
    /// <param name="keyPrefix">Begins every key and channel name, so that deployments can share one Redis.</param>
    public RedisConnection(string configuration, string keyPrefix = "edgereg:")
    {
        var timeout = (int)CommandTimeout.TotalMilliseconds;
        // The defaults come first so that the operator's own values in the string win; later keys override earlier.
        _options = ConfigurationOptions.Parse($"connectTimeout={timeout},syncTimeout={timeout},asyncTimeout={timeout},{configuration}");
        // Without this the first connect failing would throw for good; with it the multiplexer retries until Redis is back.
        _options.AbortOnConnectFail = false;
        // Retry every half second rather than backing off to 10 s: the replica answers 503 until it is back.
        _options.ReconnectRetryPolicy = new LinearRetry(500);
        // While disconnected a command fails at once instead of queueing for the timeout: under load, requests
        // held for seconds would pile up, and the answer (503) is the same.
        _options.BacklogPolicy = BacklogPolicy.FailFast;
        KeyPrefix = keyPrefix;
        Description = string.Join(",", _options.EndPoints.Select(e => e.ToString()));
        _multiplexer = new(() => ConnectionMultiplexer.ConnectAsync(_options));
    }

    public string KeyPrefix { get; }

    /// <summary>Where command latency and failures are recorded; null (tests that build a connection alone): nowhere.</summary>
    public Observability.RegistryMetrics? Metrics { get; init; }

    /// <summary>The endpoints, for messages and logs; never the password.</summary>
    public string Description { get; }

    /// <summary>Whether commands can be sent now; false before the first use and while Redis is unreachable.</summary>
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully && _multiplexer.Value.Result.IsConnected;

    /// <summary>The multiplexer, connecting on the first call (which waits at most the connect timeout).</summary>
    public Task<ConnectionMultiplexer> MultiplexerAsync(CancellationToken cancellationToken) =>
        _multiplexer.Value.WaitAsync(cancellationToken);

    /// <summary>Runs a command, turning "Redis is unreachable or too slow" into <see cref="StoreUnavailableException"/>.</summary>
    public async Task<TResult> RunAsync<TState, TResult>(TState state, Func<IDatabase, TState, Task<TResult>> command, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var multiplexer = await MultiplexerAsync(cancellationToken);
            var result = await command(multiplexer.GetDatabase(), state).WaitAsync(cancellationToken);
            Metrics?.RedisCommand(started, failed: false);
            return result;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            Metrics?.RedisCommand(started, failed: true);
            throw new StoreUnavailableException($"Redis at {Description} is unavailable: {e.Message}", e);
        }
    }

    /// <summary>Failures of the connection rather than of the command: a retry once Redis is back may succeed.</summary>
    public static bool IsUnavailable(Exception e) => e is RedisConnectionException or RedisTimeoutException or ObjectDisposedException
        || (e is RedisServerException server && (server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("BUSY", StringComparison.Ordinal)));

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            await _multiplexer.Value.Result.DisposeAsync();
        }
    }
}
