using System.Net.ServerSentEvents;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

internal sealed class EventStreamWriter(EventStream stream) : ISseEventStreamWriter
{
    public EventStream Stream => stream;

    public ValueTask SetModeAsync(SseEventStreamMode mode, CancellationToken cancellationToken)
    {
        stream.Mode = mode;
        return ValueTask.CompletedTask;
    }

    public ValueTask<SseItem<JsonRpcMessage?>> WriteEventAsync(SseItem<JsonRpcMessage?> item, CancellationToken cancellationToken) =>
        ValueTask.FromResult(item.EventId is null ? stream.Append(item) : item);

    public ValueTask DisposeAsync()
    {
        stream.End();
        return ValueTask.CompletedTask;
    }
}
