using System.Net.ServerSentEvents;
using EnterpriseMcp.Hosting.ScaleOut;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Writes one stream's events to Redis before they go to the client, so that a resumed client finds every event it may
/// have missed. A session's shared GET stream is not ended by one replica's writer going away: others may still write.
/// </summary>
internal sealed class RedisEventStreamWriter(RedisEventStreamStore store, string streamKey, SseEventStreamOptions options,
    bool shared, int perSession) : ISseEventStreamWriter
{
    private SseEventStreamMode _mode = options.Mode;

    public async ValueTask SetModeAsync(SseEventStreamMode mode, CancellationToken cancellationToken)
    {
        _mode = mode;
        await RedisCalls.RunAsync(() => store.Database.HashSetAsync(store.Keys.EventStreamInfo(streamKey), RedisEventFields.Mode, (int)mode),
            "change the event stream's mode");
    }

    public async ValueTask<SseItem<JsonRpcMessage?>> WriteEventAsync(SseItem<JsonRpcMessage?> item, CancellationToken cancellationToken)
    {
        if (item.EventId is not null)
        {
            return item;
        }

        var sequence = await store.AppendAsync(streamKey, options.SessionId, options.StreamId, _mode, item, perSession);
        return item with { EventId = RedisEventIds.Format(streamKey, sequence) };
    }

    public async ValueTask DisposeAsync()
    {
        if (shared)
        {
            return;
        }

        try
        {
            await store.EndAsync(streamKey);
        }
        catch (McpStoreUnavailableException)
        {
            // Redis away: the stream expires with its lifetime instead, and its readers find it ended then.
        }
    }
}
