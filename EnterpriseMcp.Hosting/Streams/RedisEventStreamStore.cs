using System.Globalization;
using System.Net.ServerSentEvents;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.ScaleOut;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// SSE events for replicas that share Redis, so that a client cut off from one replica resumes on another with
/// Last-Event-ID.
/// <list type="bullet">
/// <item>A request's stream has one writer, the replica running the request, and is almost always read whole by the
/// client that sent it: it stays in that replica's memory (event ids "{replica}~{stream}-{sequence}"), and costs Redis
/// nothing. A resume on another replica asks the writer, over its Redis channel, to hand the stream over
/// (<see cref="StreamHandOver"/>): what it holds is copied to Redis and the rest written through, and the resuming
/// replica reads it there. A writer that is gone took the request with it; the resume is then refused at once.</item>
/// <item>A session's stream of server-initiated messages (the GET stream) is one Redis list for the whole session,
/// whatever replica writes to it, so any replica's GET can follow it and its event ids go on across replicas.</item>
/// </list>
/// In Redis a stream is a list (an event's sequence is its position) beside a small hash (its session, the SDK's stream
/// id, its mode, whether it ended); writes signal readers on a channel. Streams expire after the session's idle timeout
/// without writes, and ended ones after the retention period.
/// </summary>
internal sealed class RedisEventStreamStore : ISseEventStreamStore, ISharedSessionStreams
{
    private const char ReplicaSeparator = '~';
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly string _replica;
    private readonly InMemoryEventStreamStore _local;
    private readonly StreamHandOvers _handOvers;

    public RedisEventStreamStore(IConnectionMultiplexer redis, RedisKeys keys, ReplicaIdentity replica, IOptions<McpHttpOptions> options,
        TimeProvider time)
    {
        _redis = redis;
        _keys = keys;
        _replica = replica.Id;
        _local = new InMemoryEventStreamStore(options, time) { IdPrefix = $"{replica.Id}{ReplicaSeparator}" };
        _handOvers = new StreamHandOvers(this, _local);
        OpenMilliseconds = (long)(options.Value.IdleTimeout + options.Value.EventRetention).TotalMilliseconds;
        EndedMilliseconds = Math.Max(1, (long)options.Value.EventRetention.TotalMilliseconds);
    }

    internal IDatabase Database => _redis.GetDatabase();

    internal ISubscriber Subscriber => _redis.GetSubscriber();

    internal RedisKeys Keys => _keys;

    /// <summary>This replica's request streams, swept like the in-memory store's.</summary>
    internal InMemoryEventStreamStore Local => _local;

    internal StreamHandOvers HandOvers => _handOvers;

    /// <summary>How long a reader waits on the channel before it looks again: a signal lost in a reconnect only delays.</summary>
    internal TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a resume waits for another replica to hand a request's stream over.</summary>
    internal TimeSpan HandOverWait { get; init; } = TimeSpan.FromSeconds(5);

    internal long OpenMilliseconds { get; }

    internal long EndedMilliseconds { get; }

    internal string ReplicaId => _replica;

    public async ValueTask<ISseEventStreamWriter> CreateStreamAsync(SseEventStreamOptions streamOptions, CancellationToken cancellationToken)
    {
        if (streamOptions.StreamId == StreamableHttpServerTransport.UnsolicitedMessageStreamId)
        {
            return new RedisEventStreamWriter(this, UnsolicitedStreamKey(streamOptions.SessionId), streamOptions);
        }

        var local = (EventStreamWriter)await _local.CreateStreamAsync(streamOptions, cancellationToken);
        return new LocalStreamWriter(local, _handOvers);
    }

    /// <summary>Without the session, a stream another replica holds is not asked for: only one already in Redis is read.</summary>
    public ValueTask<ISseEventStreamReader?> GetStreamReaderAsync(string lastEventId, CancellationToken cancellationToken) =>
        GetStreamReaderAsync(lastEventId, sessionId: null, cancellationToken);

    public async ValueTask<ISseEventStreamReader?> GetStreamReaderAsync(string lastEventId, string? sessionId, CancellationToken cancellationToken)
    {
        if (lastEventId.StartsWith(_local.IdPrefix, StringComparison.Ordinal))
        {
            return await _local.GetStreamReaderAsync(lastEventId, cancellationToken);
        }

        if (!RedisEventIds.TryParse(lastEventId, out var streamKey, out var sequence))
        {
            return null;
        }

        var separator = streamKey.IndexOf(ReplicaSeparator);
        if (separator < 0 || sessionId is null)
        {
            return await StoredReaderAsync(streamKey, sequence);
        }

        return long.TryParse(streamKey.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await _handOvers.AskAsync(streamKey[..separator], number, sessionId, streamKey, sequence, cancellationToken)
            : null;
    }

    /// <summary>A reader of a stream Redis holds, after <paramref name="sequence"/>; null when there is no such stream or event.</summary>
    internal async ValueTask<ISseEventStreamReader?> StoredReaderAsync(string streamKey, long sequence)
    {
        var info = await RedisCalls.RunAsync(() => Database.HashGetAsync(_keys.EventStreamInfo(streamKey), [RedisEventFields.Session,
            RedisEventFields.StreamId, RedisEventFields.Mode]), "find the event stream");
        if (info[0].IsNull)
        {
            return null;
        }

        var length = await RedisCalls.RunAsync(() => Database.ListLengthAsync(_keys.EventStream(streamKey)), "find the event stream");
        return sequence > length
            ? null
            : new RedisEventStreamReader(this, streamKey, (string)info[0]!, (string)info[1]!, (SseEventStreamMode)(int)info[2], sequence);
    }

    internal static string LocalStreamKey(string replicaId, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{replicaId}{ReplicaSeparator}{number}");

    /// <summary>
    /// Starts with an event of its own, without data (as the SDK primes a stream), so that the client holds an event id
    /// to resume from even if it is cut off before anything is sent.
    /// </summary>
    public async ValueTask<ISseEventStreamReader> FollowUnsolicitedAsync(string sessionId, CancellationToken cancellationToken)
    {
        var streamKey = UnsolicitedStreamKey(sessionId);
        var streamId = StreamableHttpServerTransport.UnsolicitedMessageStreamId;
        var priming = await AppendAsync(streamKey, sessionId, streamId, SseEventStreamMode.Streaming, new SseItem<JsonRpcMessage?>(null));
        return new RedisEventStreamReader(this, streamKey, sessionId, streamId, SseEventStreamMode.Streaming, priming - 1);
    }

    /// <summary>Appends an event to a session's shared stream (its facts recorded with the first); returns its sequence.</summary>
    internal async ValueTask<long> AppendAsync(string streamKey, string sessionId, string streamId, SseEventStreamMode mode,
        SseItem<JsonRpcMessage?> item)
    {
        var sequence = await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(RedisEventScripts.Append,
            [_keys.EventStream(streamKey), _keys.EventStreamInfo(streamKey)],
            [RedisEventFields.Encode(item), sessionId, streamId, (int)mode, OpenMilliseconds, _keys.EventStreamChanged(streamKey).ToString()]),
            "keep the event for resumption");
        return (long)sequence;
    }

    public async ValueTask MarkListeningAsync(string sessionId, CancellationToken cancellationToken) =>
        await RedisCalls.RunAsync(() => Database.SetAddAsync(_keys.ListeningSessions, sessionId), "follow the session's stream");

    public async Task<int> NotifyListeningAsync(JsonRpcNotification notification, Func<string, bool>? sessionFilter,
        CancellationToken cancellationToken)
    {
        var listening = await RedisCalls.RunAsync(() => Database.SetMembersAsync(_keys.ListeningSessions), "notify the listening sessions");
        var encoded = RedisEventFields.Encode(new SseItem<JsonRpcMessage?>(notification));
        var streamId = StreamableHttpServerTransport.UnsolicitedMessageStreamId;
        var sent = 0;
        // In batches: the client pipelines each batch on its one connection, and thousands of sessions never queue at once.
        foreach (var batch in listening.Select(member => (string)member!).Where(id => sessionFilter?.Invoke(id) ?? true).Chunk(256))
        {
            var appended = await RedisCalls.RunAsync(() => Task.WhenAll(batch.Select(sessionId =>
            {
                var streamKey = UnsolicitedStreamKey(sessionId);
                return Database.ScriptEvaluateAsync(RedisEventScripts.Notify,
                    [_keys.EventStream(streamKey), _keys.EventStreamInfo(streamKey), _keys.Session(sessionId), _keys.ListeningSessions],
                    [encoded, sessionId, streamId, (int)SseEventStreamMode.Streaming, OpenMilliseconds,
                        _keys.EventStreamChanged(streamKey).ToString()]);
            })), "notify the listening sessions");
            sent += appended.Count(sequence => (long)sequence > 0);
        }

        return sent;
    }

    /// <summary>Marks a stream ended, so that its readers finish; it is kept for the retention period.</summary>
    internal async ValueTask EndAsync(string streamKey) =>
        await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(RedisEventScripts.End,
            [_keys.EventStreamInfo(streamKey), _keys.EventStream(streamKey)],
            [EndedMilliseconds, _keys.EventStreamChanged(streamKey).ToString()]), "end the event stream");

    public async ValueTask EndSessionAsync(string sessionId)
    {
        await RedisCalls.RunAsync(() => Database.SetRemoveAsync(_keys.ListeningSessions, sessionId), "end the session's stream");
        await EndAsync(UnsolicitedStreamKey(sessionId));
    }

    // The session id is base64url: the stream key holds no '.' or '~', so no other key can look like it.
    private static string UnsolicitedStreamKey(string sessionId) => $"{sessionId}.get";
}
