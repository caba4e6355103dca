using System.Net.ServerSentEvents;
using System.Security.Cryptography;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.ScaleOut;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// SSE events kept in Redis so that a client cut off from one replica resumes on another with Last-Event-ID. A stream
/// is a list (an event's sequence is its position) beside a small hash (its session, the SDK's stream id, its mode,
/// whether it ended); writes signal readers on a channel. A session's stream of server-initiated messages (the GET
/// stream) is one list for the whole session, whatever replica writes to it, so any replica's GET can follow it and the
/// event ids go on across replicas. Streams expire after the session's idle timeout without writes, and ended ones
/// after the retention period; a session keeps at most <c>RetainedStreamsPerSession</c> ended ones.
/// </summary>
internal sealed class RedisEventStreamStore(IConnectionMultiplexer redis, RedisKeys keys, IOptions<McpHttpOptions> options)
    : ISseEventStreamStore, ISharedSessionStreams
{
    private readonly long _openMilliseconds = (long)(options.Value.IdleTimeout + options.Value.EventRetention).TotalMilliseconds;
    private readonly long _endedMilliseconds = Math.Max(1, (long)options.Value.EventRetention.TotalMilliseconds);
    private readonly int _perSession = options.Value.RetainedStreamsPerSession;

    internal IDatabase Database => redis.GetDatabase();

    internal ISubscriber Subscriber => redis.GetSubscriber();

    internal RedisKeys Keys => keys;

    /// <summary>How long a reader waits on the channel before it looks again: a signal lost in a reconnect only delays.</summary>
    internal TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    internal long OpenMilliseconds => _openMilliseconds;

    public ValueTask<ISseEventStreamWriter> CreateStreamAsync(SseEventStreamOptions streamOptions, CancellationToken cancellationToken)
    {
        var shared = streamOptions.StreamId == StreamableHttpServerTransport.UnsolicitedMessageStreamId;
        var streamKey = shared ? UnsolicitedStreamKey(streamOptions.SessionId) : NewStreamKey();
        return ValueTask.FromResult<ISseEventStreamWriter>(
            new RedisEventStreamWriter(this, streamKey, streamOptions, shared, _perSession));
    }

    public async ValueTask<ISseEventStreamReader?> GetStreamReaderAsync(string lastEventId, CancellationToken cancellationToken)
    {
        if (!RedisEventIds.TryParse(lastEventId, out var streamKey, out var sequence))
        {
            return null;
        }

        var info = await RedisCalls.RunAsync(() => Database.HashGetAsync(keys.EventStreamInfo(streamKey), [RedisEventFields.Session,
            RedisEventFields.StreamId, RedisEventFields.Mode]), "find the event stream");
        if (info[0].IsNull)
        {
            return null;
        }

        var length = await RedisCalls.RunAsync(() => Database.ListLengthAsync(keys.EventStream(streamKey)), "find the event stream");
        return sequence > length
            ? null
            : new RedisEventStreamReader(this, streamKey, (string)info[0]!, (string)info[1]!, (SseEventStreamMode)(int)info[2], sequence);
    }

    /// <summary>
    /// Starts with an event of its own, without data (as the SDK primes a stream), so that the client holds an event id
    /// to resume from even if it is cut off before anything is sent.
    /// </summary>
    public async ValueTask<ISseEventStreamReader> FollowUnsolicitedAsync(string sessionId, CancellationToken cancellationToken)
    {
        var streamKey = UnsolicitedStreamKey(sessionId);
        var streamId = StreamableHttpServerTransport.UnsolicitedMessageStreamId;
        var priming = await AppendAsync(streamKey, sessionId, streamId, SseEventStreamMode.Streaming, new SseItem<JsonRpcMessage?>(null), _perSession);
        return new RedisEventStreamReader(this, streamKey, sessionId, streamId, SseEventStreamMode.Streaming, priming - 1);
    }

    /// <summary>Appends an event to a stream (its facts recorded with the first); returns its sequence.</summary>
    internal async ValueTask<long> AppendAsync(string streamKey, string sessionId, string streamId, SseEventStreamMode mode,
        SseItem<JsonRpcMessage?> item, int perSession)
    {
        var sequence = await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(RedisEventScripts.Append,
            [keys.EventStream(streamKey), keys.EventStreamInfo(streamKey), keys.SessionStreams(sessionId)],
            [RedisEventFields.Encode(item), sessionId, streamId, (int)mode, _openMilliseconds,
                keys.EventStreamChanged(streamKey).ToString(), streamKey, perSession, keys.Prefix,
                streamId == StreamableHttpServerTransport.UnsolicitedMessageStreamId ? 0 : 1]),
            "keep the event for resumption");
        return (long)sequence;
    }

    public async ValueTask MarkListeningAsync(string sessionId, CancellationToken cancellationToken) =>
        await RedisCalls.RunAsync(() => Database.SetAddAsync(keys.ListeningSessions, sessionId), "follow the session's stream");

    public async Task<int> NotifyListeningAsync(JsonRpcNotification notification, Func<string, bool>? sessionFilter,
        CancellationToken cancellationToken)
    {
        var listening = await RedisCalls.RunAsync(() => Database.SetMembersAsync(keys.ListeningSessions), "notify the listening sessions");
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
                    [keys.EventStream(streamKey), keys.EventStreamInfo(streamKey), keys.SessionStreams(sessionId), keys.Session(sessionId),
                        keys.ListeningSessions],
                    [encoded, sessionId, streamId, (int)SseEventStreamMode.Streaming, _openMilliseconds,
                        keys.EventStreamChanged(streamKey).ToString(), streamKey, _perSession, keys.Prefix, 0]);
            })), "notify the listening sessions");
            sent += appended.Count(sequence => (long)sequence > 0);
        }

        return sent;
    }

    /// <summary>Marks a stream ended, so that its readers finish; it is kept for the retention period.</summary>
    internal async ValueTask EndAsync(string streamKey) =>
        await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(RedisEventScripts.End,
            [keys.EventStreamInfo(streamKey), keys.EventStream(streamKey)],
            [_endedMilliseconds, keys.EventStreamChanged(streamKey).ToString()]), "end the event stream");

    public async ValueTask EndSessionAsync(string sessionId)
    {
        await RedisCalls.RunAsync(() => Database.SetRemoveAsync(keys.ListeningSessions, sessionId), "end the session's stream");
        await EndAsync(UnsolicitedStreamKey(sessionId));
    }

    // The session id is base64url: the stream key holds no '.', so no other key can look like it.
    private static string UnsolicitedStreamKey(string sessionId) => $"{sessionId}.get";

    private static string NewStreamKey() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12));
}
