using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Replays a stream after a given event, then, for a stream still being written in streaming mode,
/// goes on with new events until it ends; in polling mode it stops after what is there.
/// </summary>
internal sealed class EventStreamReader(EventStream stream, long afterSequence) : ISseEventStreamReader
{
    public string SessionId => stream.SessionId;

    public string StreamId => stream.StreamId;

    public async IAsyncEnumerable<SseItem<JsonRpcMessage?>> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sequence = afterSequence;
        while (true)
        {
            var (events, ended, changed) = stream.ReadAfter(sequence);
            foreach (var item in events)
            {
                yield return item;
            }

            sequence += events.Length;
            if (ended || stream.Mode == SseEventStreamMode.Polling)
            {
                yield break;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }
}
