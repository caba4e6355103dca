using System.Collections.Concurrent;
using System.Globalization;
using EnterpriseMcp.Hosting.Configuration;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Keeps every SSE event of a session's streams so a client that lost its connection can resume with
/// Last-Event-ID. An event id is "{prefix}{stream}-{sequence}": unique, and it names the one stream to replay.
/// Finished streams go after the retention period, or sooner once a session has too many.
/// </summary>
internal sealed class InMemoryEventStreamStore(IOptions<McpHttpOptions> options, TimeProvider time) : ISseEventStreamStore
{
    private readonly ConcurrentDictionary<long, EventStream> _streams = new();
    private readonly ConcurrentDictionary<string, SessionStreams> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _retention = options.Value.EventRetention;
    private readonly int _perSession = options.Value.RetainedStreamsPerSession;
    private long _lastStreamNumber;

    /// <summary>Starts every event id, so that ids of several stores can be told apart; none by default.</summary>
    public string IdPrefix { get; init; } = "";

    public ValueTask<ISseEventStreamWriter> CreateStreamAsync(SseEventStreamOptions streamOptions, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _lastStreamNumber);
        var stream = new EventStream(number, streamOptions.SessionId, streamOptions.StreamId, streamOptions.Mode, time, IdPrefix);
        _streams[number] = stream;
        foreach (var evicted in _sessions.GetOrAdd(stream.SessionId, static _ => new()).Add(stream, _perSession))
        {
            _streams.TryRemove(evicted, out _);
        }

        return ValueTask.FromResult<ISseEventStreamWriter>(new EventStreamWriter(stream));
    }

    public ValueTask<ISseEventStreamReader?> GetStreamReaderAsync(string lastEventId, CancellationToken cancellationToken)
    {
        var reader = lastEventId.StartsWith(IdPrefix, StringComparison.Ordinal)
            && TryParse(lastEventId[IdPrefix.Length..], out var number, out var sequence) && _streams.TryGetValue(number, out var stream)
            && sequence <= stream.LastSequence
            ? new EventStreamReader(stream, sequence)
            : null;
        return ValueTask.FromResult<ISseEventStreamReader?>(reader);
    }

    /// <summary>The stream numbered <paramref name="number"/>, while it is kept.</summary>
    internal EventStream? Find(long number) => _streams.GetValueOrDefault(number);

    /// <summary>Forgets streams that ended longer ago than the retention period.</summary>
    public void RemoveExpired()
    {
        foreach (var (number, stream) in _streams)
        {
            if (stream.EndedLongerAgoThan(_retention))
            {
                _streams.TryRemove(number, out _);
                if (_sessions.TryGetValue(stream.SessionId, out var session) && session.Remove(number) == 0)
                {
                    _sessions.TryRemove(KeyValuePair.Create(stream.SessionId, session));
                }
            }
        }
    }

    internal static string FormatId(string prefix, long stream, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{stream}-{sequence}");

    private static bool TryParse(string eventId, out long stream, out long sequence)
    {
        sequence = 0;
        var dash = eventId.IndexOf('-');
        return long.TryParse(eventId.AsSpan(0, Math.Max(dash, 0)), NumberStyles.None, CultureInfo.InvariantCulture, out stream)
            & long.TryParse(eventId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && dash > 0;
    }
}
