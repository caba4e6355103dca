namespace EnterpriseMcp.Hosting.Streams;

/// <summary>A session's streams, oldest first, to evict the oldest finished ones beyond a limit.</summary>
internal sealed class SessionStreams
{
    private readonly LinkedList<EventStream> _streams = [];

    /// <summary>Adds a stream; returns the numbers of the finished streams that no longer fit.</summary>
    public List<long> Add(EventStream stream, int limit)
    {
        List<long> evicted = [];
        lock (_streams)
        {
            _streams.AddLast(stream);
            for (var node = _streams.First; node is not null && _streams.Count > limit;)
            {
                var next = node.Next;
                if (node.Value.HasEnded)
                {
                    evicted.Add(node.Value.Number);
                    _streams.Remove(node);
                }

                node = next;
            }
        }

        return evicted;
    }

    /// <summary>Removes a stream; returns how many remain.</summary>
    public int Remove(long number)
    {
        lock (_streams)
        {
            for (var node = _streams.First; node is not null; node = node.Next)
            {
                if (node.Value.Number == number)
                {
                    _streams.Remove(node);
                    break;
                }
            }

            return _streams.Count;
        }
    }
}
