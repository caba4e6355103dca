using System.Globalization;
using EnterpriseMcp.Hosting.ScaleOut;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>Takes in other replicas' requests for this replica's request streams (<see cref="StreamHandOvers"/>).</summary>
internal sealed partial class StreamHandOverInbox(
    IConnectionMultiplexer redis,
    RedisKeys keys,
    ReplicaIdentity replica,
    RedisEventStreamStore store,
    ILogger<StreamHandOverInbox> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(keys.HandOversFor(replica.Id), (channel, asked) => _ = HandOverAsync((string)asked!));
        }
        catch (RedisConnectionException)
        {
            // Redis away at start: the connection subscribes again when it reconnects.
            LogNotSubscribed();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // "{stream number}\n{session id}"
    private async Task HandOverAsync(string asked)
    {
        var newline = asked.IndexOf('\n');
        if (newline < 0 || !long.TryParse(asked.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return;
        }

        try
        {
            await store.HandOvers.HandOverAsync(number, asked[(newline + 1)..]);
        }
        catch (Exception e) when (e is McpStoreUnavailableException or RedisConnectionException or RedisTimeoutException)
        {
            // Redis went away meanwhile: the asking replica finds nothing and refuses the resume.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request streams of this replica cannot be handed to others yet: Redis is unreachable.")]
    private partial void LogNotSubscribed();
}
