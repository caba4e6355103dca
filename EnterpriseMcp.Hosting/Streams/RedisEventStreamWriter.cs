using System.Net.ServerSentEvents;
using EnterpriseMcp.Hosting.ScaleOut;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Writes a session's shared GET stream to Redis, each event before it goes to the client. Replicas write to it side by
/// side, so Redis numbers the events; one replica's writer going away does not end it: others may still write.
/// </summary>
internal sealed class RedisEventStreamWriter(RedisEventStreamStore store, string streamKey, SseEventStreamOptions options)
    : ISseEventStreamWriter
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

        var sequence = await store.AppendAsync(streamKey, options.SessionId, options.StreamId, _mode, item);
        return item with { EventId = RedisEventIds.Format(streamKey, sequence) };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
