using System.Collections.Concurrent;
using System.Globalization;
using EnterpriseMcp.Hosting.ScaleOut;
using ModelContextProtocol.Server;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Both sides of handing a request's stream from the replica that writes it to one where its client resumed: the
/// resuming replica asks on the writer's channel and waits for the stream to appear in Redis; the writer copies it
/// there (<see cref="StreamHandOver"/>) and writes the rest of it through.
/// </summary>
internal sealed class StreamHandOvers(RedisEventStreamStore store, InMemoryEventStreamStore local)
{
    /// <summary>Published on a stream's channel when its writer does not hold it (gone, or not the asking session's).</summary>
    private const string NotHeld = "x";

    private readonly ConcurrentDictionary<long, StreamHandOver> _handedOver = new();

    /// <summary>
    /// Writes what stream <paramref name="number"/> gained to Redis, when another replica asked for it; nothing otherwise.
    /// Called after the stream changed, so that a hand-over that began before the change copies it, and one that began
    /// after it is found here (the stream's lock orders the two).
    /// </summary>
    public async ValueTask WriteThroughAsync(long number)
    {
        if (_handedOver.GetValueOrDefault(number) is not { } handOver)
        {
            return;
        }

        try
        {
            await CopyAsync(number, handOver);
        }
        catch (McpStoreUnavailableException)
        {
            // Redis away: the next event, or the stream's end, copies what is missing.
        }
    }

    /// <summary>
    /// Asks replica <paramref name="writer"/> for its stream <paramref name="number"/> of <paramref name="sessionId"/>, and
    /// reads it from Redis after <paramref name="sequence"/> once it is there; null when the writer is gone, does not hold
    /// the stream for that session, or does not answer within <see cref="RedisEventStreamStore.HandOverWait"/>.
    /// </summary>
    public async ValueTask<ISseEventStreamReader?> AskAsync(string writer, long number, string sessionId, string streamKey, long sequence,
        CancellationToken cancellationToken)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = store.Keys.EventStreamChanged(streamKey);
        Action<RedisChannel, RedisValue> signal = (_, _) => answered.TrySetResult();
        // Subscribed before asking, so that the answer cannot come first.
        await RedisCalls.RunAsync(async () => { await store.Subscriber.SubscribeAsync(channel, signal); return true; }, "follow the event stream");
        try
        {
            if (await store.StoredReaderAsync(streamKey, sequence) is { } stored)
            {
                return stored;
            }

            var asked = await RedisCalls.RunAsync(() => store.Subscriber.PublishAsync(store.Keys.HandOversFor(writer),
                string.Create(CultureInfo.InvariantCulture, $"{number}\n{sessionId}")), "ask for the event stream");
            if (asked == 0)
            {
                // Nobody listens there: the replica that ran the request stopped, and the request with it.
                return null;
            }

            try
            {
                await answered.Task.WaitAsync(store.HandOverWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // No answer: whatever Redis holds by now decides.
            }

            return await store.StoredReaderAsync(streamKey, sequence);
        }
        finally
        {
            try
            {
                await store.Subscriber.UnsubscribeAsync(channel, signal);
            }
            catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
            {
                // Redis away: its subscriptions went with the connection.
            }
        }
    }

    /// <summary>Another replica asks for stream <paramref name="number"/> of <paramref name="sessionId"/>: copies it to Redis.</summary>
    public async Task HandOverAsync(long number, string sessionId)
    {
        var streamKey = RedisEventStreamStore.LocalStreamKey(store.ReplicaId, number);
        if (local.Find(number) is not { } stream || stream.SessionId != sessionId)
        {
            await store.Subscriber.PublishAsync(store.Keys.EventStreamChanged(streamKey), NotHeld);
            return;
        }

        await CopyAsync(number, _handedOver.GetOrAdd(number, _ => new StreamHandOver(store, stream, streamKey)));
    }

    private async Task CopyAsync(long number, StreamHandOver handOver)
    {
        if (await handOver.CopyAsync())
        {
            // Ended and copied whole: nothing more to write through. Asked again, a new copy finds it all stored.
            _handedOver.TryRemove(KeyValuePair.Create(number, handOver));
        }
    }
}
