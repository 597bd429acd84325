using EdgeRegistry.Changes;
using EdgeRegistry.Storage;
using StackExchange.Redis;

namespace EdgeRegistry.Coordination;

/// <summary>
/// The change feed of a replica among several: a change runs this replica's subscribers, then goes out on a Redis
/// channel to the others, whose subscribers run as it arrives (a few milliseconds later). Each message names its
/// sender, so a replica skips its own. Pub/sub keeps nothing for a replica that is cut off, so after every
/// reconnect the local subscribers get <see cref="CachesMayBeStale"/> and start again from the store.
/// </summary>
public sealed class RedisChangeFeed : IChangeFeed, IHostedService
{
    private readonly InProcessChangeFeed _local;
    private readonly RedisConnection _redis;
    private readonly ILogger<RedisChangeFeed> _log;
    private readonly RedisChannel _channel;
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _multiplexer;
    private ChannelMessageQueue? _queue;

    public RedisChangeFeed(RedisConnection redis, ILoggerFactory logs)
    {
        _redis = redis;
        _log = logs.CreateLogger<RedisChangeFeed>();
        _local = new InProcessChangeFeed(logs.CreateLogger<InProcessChangeFeed>());
        _channel = RedisChannel.Literal(redis.KeyPrefix + "changes");
    }

    /// <summary>Tells this replica's messages from the others'; new with every start of the process.</summary>
    public string ReplicaId { get; } = Guid.NewGuid().ToString("N");

    public async ValueTask PublishAsync(RegistryChange change, CancellationToken cancellationToken)
    {
        await _local.PublishAsync(change, cancellationToken);
        if (change is CachesMayBeStale)
        {
            return;
        }

        try
        {
            var message = ChangeMessage.Write(ReplicaId, change);
            await _redis.RunAsync((Channel: _channel, Message: message), static async (db, m) =>
                await db.Multiplexer.GetSubscriber().PublishAsync(m.Channel, m.Message), cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            // The store has the change and this replica applied it; the others' caches expire within seconds anyway,
            // and they drop them all when they reconnect. Failing the caller's request would misreport a change made.
            _log.LogWarning(e, "{Change} could not be sent to the other replicas", change);
        }
    }

    public void Subscribe(Func<RegistryChange, CancellationToken, ValueTask> handler) => _local.Subscribe(handler);

    /// <summary>Listens to the other replicas; when Redis is down at start-up the listening begins once it is back.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _multiplexer = await _redis.MultiplexerAsync(cancellationToken);
        _multiplexer.ConnectionRestored += OnConnectionRestored;
        try
        {
            _queue = await _multiplexer.GetSubscriber().SubscribeAsync(_channel);
            _queue.OnMessage(OnMessageAsync);
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            _log.LogWarning(e, "Not listening to the other replicas yet: Redis at {Redis} is unavailable", _redis.Description);
            _ = SubscribeWhenBackAsync();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_multiplexer is not null)
        {
            _multiplexer.ConnectionRestored -= OnConnectionRestored;
        }

        if (_queue is not null)
        {
            try
            {
                await _queue.UnsubscribeAsync();
            }
            catch (Exception e) when (RedisConnection.IsUnavailable(e))
            {
                // Redis is gone; so is the subscription.
            }
        }
    }

    private async Task SubscribeWhenBackAsync()
    {
        while (_queue is null && !_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), _stopping.Token);
                _queue = await _multiplexer!.GetSubscriber().SubscribeAsync(_channel);
                _queue.OnMessage(OnMessageAsync);
                // Anything cached before now was read without anyone listening for changes.
                await _local.PublishAsync(new CachesMayBeStale(), _stopping.Token);
            }
            catch (Exception e) when (RedisConnection.IsUnavailable(e))
            {
                // Still away; the next round tries again.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task OnMessageAsync(ChannelMessage message)
    {
        if (ChangeMessage.Read((byte[])message.Message!) is not { } received)
        {
            _log.LogWarning("Ignored a message on {Channel} that is not a change notice", _channel);
            return;
        }

        if (received.Replica != ReplicaId)
        {
            await _local.PublishAsync(received.Change, _stopping.Token);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        _log.LogInformation("Redis connection ({Type}) restored; dropping every cache, as change notices may have been missed", e.ConnectionType);
        _ = Task.Run(async () =>
        {
            try
            {
                await _local.PublishAsync(new CachesMayBeStale(), _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        });
    }
}
