using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Replays a stream after a given event, then, for a stream still being written in streaming mode,
/// goes on with new events until it ends. In polling mode it stops after what is there, or, when nothing new is there
/// yet, after the next change or <see cref="PollingWait"/>: a client that comes back to poll gets an answer, not an
/// empty stream to poll again.
/// </summary>
internal sealed class EventStreamReader(EventStream stream, long afterSequence) : ISseEventStreamReader
{
    /// <summary>How long a poll that finds nothing new waits for something.</summary>
    public static readonly TimeSpan PollingWait = TimeSpan.FromSeconds(5);

    public string SessionId => stream.SessionId;

    public string StreamId => stream.StreamId;

    public async IAsyncEnumerable<SseItem<JsonRpcMessage?>> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sequence = afterSequence;
        var waitedOnce = false;
        while (true)
        {
            var (events, ended, changed) = stream.ReadAfter(sequence);
            foreach (var item in events)
            {
                yield return item;
            }

            sequence += events.Length;
            if (ended)
            {
                yield break;
            }

            if (stream.Mode != SseEventStreamMode.Polling)
            {
                await changed.WaitAsync(cancellationToken);
                continue;
            }

            if (events.Length > 0 || waitedOnce)
            {
                yield break;
            }

            waitedOnce = true;
            try
            {
                await changed.WaitAsync(PollingWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                yield break;
            }
        }
    }
}
