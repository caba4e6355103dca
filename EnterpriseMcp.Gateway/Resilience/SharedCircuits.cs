using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.ScaleOut;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnterpriseMcp.Gateway.Resilience;

/// <summary>
/// Tells every replica when this one's circuit for a backend opens or closes, over a Redis channel
/// (<c>{KeyPrefix}circuits</c>), and opens or closes this replica's circuit when another's does: one replica finding a
/// backend dead spares the others' callers the failures that would open theirs, and a probe that succeeds on any replica
/// brings the backend back on all. Each replica still counts failures and probes itself, so while Redis cannot be
/// reached, circuits simply work per replica.
/// </summary>
/// <remarks>
/// Messages, not a key: a replica that starts, or was cut off from Redis, while a circuit is open elsewhere finds the
/// backend dead by itself, as it would alone.
/// </remarks>
internal sealed partial class SharedCircuits(
    BackendRegistry registry,
    IConnectionMultiplexer redis,
    IOptions<McpRedisOptions> options,
    ReplicaIdentity replica,
    ILogger<SharedCircuits> logger) : BackgroundService
{
    private static readonly TimeSpan RetrySubscribe = TimeSpan.FromSeconds(1);

    // A replica hears its own messages too; one of them arriving after a later change would undo that change.
    private readonly string _replica = replica.Id;
    private readonly RedisChannel _channel = RedisChannel.Literal($"{options.Value.KeyPrefix}circuits");
    private int _unreachable;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        registry.CircuitObserved += Publish;
        // Once subscribed, the client subscribes again by itself after every reconnection.
        while (!await TrySubscribeAsync())
        {
            await Task.Delay(RetrySubscribe, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        registry.CircuitObserved -= Publish;
        await base.StopAsync(cancellationToken);
    }

    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => Receive(message));
            Reached();
            return true;
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            Unreachable(e);
            return false;
        }
    }

    private void Publish(Backend backend, CircuitState state) => _ = PublishAsync(CircuitMessage.Write(_replica, state, backend.Name));

    private async Task PublishAsync(string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(_channel, message);
            Reached();
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            Unreachable(e);
        }
    }

    private void Receive(RedisValue message)
    {
        if (CircuitMessage.Read(message) is not { } heard || heard.Replica == _replica)
        {
            return;
        }

        if (registry.Backends.FirstOrDefault(backend => backend.Name == heard.Backend) is { } backend)
        {
            LogHeard(heard.Backend, heard.State);
            backend.Circuit.Adopt(heard.State);
        }
    }

    private void Reached()
    {
        if (Interlocked.Exchange(ref _unreachable, 0) == 1)
        {
            LogShared();
        }
    }

    private void Unreachable(Exception e)
    {
        if (Interlocked.Exchange(ref _unreachable, 1) == 0)
        {
            LogPerReplica(e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backend '{Backend}': another replica's circuit is {State}; this replica's follows.")]
    private partial void LogHeard(string backend, CircuitState state);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis cannot be reached ({Error}: {Reason}): each replica's circuits open and close on their own until it is back.")]
    private partial void LogPerReplica(string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: circuits are shared by every replica again.")]
    private partial void LogShared();
}
