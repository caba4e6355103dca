using System.Net.ServerSentEvents;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// The events of one SSE stream, in order, and a signal for readers waiting on more. Event ids are
/// "{prefix}{number}-{sequence}"; the prefix tells stores apart (the Redis store names this replica in it).
/// </summary>
internal sealed class EventStream(long number, string sessionId, string streamId, SseEventStreamMode mode, TimeProvider time,
    string idPrefix = "")
{
    private readonly Lock _gate = new();
    private readonly List<SseItem<JsonRpcMessage?>> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long? _endedAt;

    public long Number => number;

    public string SessionId => sessionId;

    public string StreamId => streamId;

    public SseEventStreamMode Mode { get; set; } = mode;

    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    public SseItem<JsonRpcMessage?> Append(SseItem<JsonRpcMessage?> item)
    {
        lock (_gate)
        {
            var stored = item with { EventId = InMemoryEventStreamStore.FormatId(idPrefix, number, _events.Count + 1) };
            _events.Add(stored);
            Signal();
            return stored;
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _endedAt ??= time.GetTimestamp();
            Signal();
        }
    }

    /// <summary>The events after <paramref name="sequence"/>, whether the stream has ended, and a task that completes on change.</summary>
    public (SseItem<JsonRpcMessage?>[] Events, bool Ended, Task Changed) ReadAfter(long sequence)
    {
        lock (_gate)
        {
            var start = (int)Math.Min(sequence, _events.Count);
            return (_events.GetRange(start, _events.Count - start).ToArray(), _endedAt is not null, _changed.Task);
        }
    }

    public bool HasEnded
    {
        get
        {
            lock (_gate)
            {
                return _endedAt is not null;
            }
        }
    }

    public bool EndedLongerAgoThan(TimeSpan retention)
    {
        lock (_gate)
        {
            return _endedAt is { } ended && time.GetElapsedTime(ended) > retention;
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
