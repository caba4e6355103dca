using System.Net.ServerSentEvents;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Writes a request's stream into this replica's memory; once another replica asked for it (its client resumed there),
/// also into Redis, each event before it goes out.
/// </summary>
internal sealed class LocalStreamWriter(EventStreamWriter local, StreamHandOvers handOvers) : ISseEventStreamWriter
{
    public async ValueTask SetModeAsync(SseEventStreamMode mode, CancellationToken cancellationToken)
    {
        await local.SetModeAsync(mode, cancellationToken);
        await handOvers.WriteThroughAsync(local.Stream.Number);
    }

    public async ValueTask<SseItem<JsonRpcMessage?>> WriteEventAsync(SseItem<JsonRpcMessage?> item, CancellationToken cancellationToken)
    {
        var written = await local.WriteEventAsync(item, cancellationToken);
        await handOvers.WriteThroughAsync(local.Stream.Number);
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        await local.DisposeAsync();
        await handOvers.WriteThroughAsync(local.Stream.Number);
    }
}
