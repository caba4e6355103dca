using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EnterpriseMcp.Hosting.ScaleOut;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Replays a stream from Redis after a given event, then, in streaming mode, follows it until it ends: woken by the
/// stream's channel, and looking again every <see cref="RedisEventStreamStore.PollInterval"/> in case a signal was lost.
/// In polling mode it stops after what is there, or, when nothing new is there yet, after the next change (at most
/// <see cref="EventStreamReader.PollingWait"/>), as <see cref="EventStreamReader"/> does. A stream that expired (its writer's replica died, and nobody wrote for its lifetime) counts as ended.
/// </summary>
internal sealed class RedisEventStreamReader(RedisEventStreamStore store, string streamKey, string sessionId, string streamId,
    SseEventStreamMode mode, long afterSequence) : ISseEventStreamReader
{
    public string SessionId => sessionId;

    public string StreamId => streamId;

    public async IAsyncEnumerable<SseItem<JsonRpcMessage?>> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keys = store.Keys;
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var channel = keys.EventStreamChanged(streamKey);
        Action<RedisChannel, RedisValue> signal = (_, _) => changed.Writer.TryWrite(true);
        // Subscribed before the first read, so that no event written after it goes unsignalled.
        await RedisCalls.RunAsync(async () => { await store.Subscriber.SubscribeAsync(channel, signal); return true; }, "follow the event stream");
        try
        {
            var sequence = afterSequence;
            var waitedOnce = false;
            while (true)
            {
                var events = await RedisCalls.RunAsync(() => store.Database.ListRangeAsync(keys.EventStream(streamKey), sequence, -1), "read the event stream");
                foreach (var stored in events)
                {
                    sequence++;
                    yield return RedisEventFields.Decode((byte[])stored!, RedisEventIds.Format(streamKey, sequence));
                }

                var polling = mode == SseEventStreamMode.Polling;
                if ((polling && (events.Length > 0 || waitedOnce)) || await EndedAsync())
                {
                    yield break;
                }

                waitedOnce = true;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(polling ? EventStreamReader.PollingWait : store.PollInterval);
                try
                {
                    await changed.Reader.WaitToReadAsync(wait.Token);
                    changed.Reader.TryRead(out _);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Nothing signalled within the interval: keep the followed stream alive and look again.
                    await RedisCalls.RunAsync(() => store.Database.ScriptEvaluateAsync(RedisEventScripts.Keep,
                        [keys.EventStreamInfo(streamKey), keys.EventStream(streamKey)], [store.OpenMilliseconds]), "keep the event stream");
                }
            }
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

    private async Task<bool> EndedAsync()
    {
        var ended = await RedisCalls.RunAsync(() => store.Database.HashGetAsync(store.Keys.EventStreamInfo(streamKey), RedisEventFields.Ended),
            "read the event stream");
        return ended == "1" || (ended.IsNull && !await RedisCalls.RunAsync(() =>
            store.Database.KeyExistsAsync(store.Keys.EventStreamInfo(streamKey)), "read the event stream"));
    }
}
