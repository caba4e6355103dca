using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>
/// Takes in what other replicas send this one on a Redis channel of its own (<see cref="Channel"/>), each message handed
/// to <see cref="DeliverAsync"/>. Subscribed at start; with Redis away then, the connection subscribes when it is back.
/// </summary>
/// <param name="what">What comes in, for the warning when Redis is away at start.</param>
internal abstract partial class ReplicaInbox(IConnectionMultiplexer redis, ILogger logger, string what) : IHostedService
{
    protected abstract RedisChannel Channel { get; }

    protected abstract Task DeliverAsync(string message);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) => _ = DeliverAsync((string)message!));
        }
        catch (RedisConnectionException)
        {
            LogNotSubscribed(logger, what);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} cannot reach this replica yet: Redis is unreachable.")]
    private static partial void LogNotSubscribed(ILogger logger, string what);
}
