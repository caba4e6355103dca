using System.Net.ServerSentEvents;
using EnterpriseMcp.Hosting.ScaleOut;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Writes one stream's events to Redis, so that a resumed client finds every event it may have missed. A request's
/// stream has one writer, so its first event (which makes the stream known) is stored before it goes out and the rest
/// are numbered here and stored together, when the stream ends or with an event that comes <see cref="BatchFor"/> or
/// more after the first waiting one: a quick call costs two round trips to Redis instead of one per event. What waits is lost only with
/// this replica, and with it the call. A session's shared GET stream has many writers, on every replica: each of its
/// events is stored before it goes out, and one replica's writer going away does not end it.
/// </summary>
internal sealed class RedisEventStreamWriter(RedisEventStreamStore store, string streamKey, SseEventStreamOptions options,
    bool shared, int perSession, long endedMilliseconds) : ISseEventStreamWriter
{
    private static readonly TimeSpan BatchFor = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly List<RedisValue> _waiting = [];
    private SseEventStreamMode _mode = options.Mode;
    private long _numbered;
    private long _firstWaitingAt;
    private bool _failed;

    public async ValueTask SetModeAsync(SseEventStreamMode mode, CancellationToken cancellationToken)
    {
        _mode = mode;
        await RedisCalls.RunAsync(() => store.Database.HashSetAsync(store.Keys.EventStreamInfo(streamKey), RedisEventFields.Mode, (int)mode),
            "change the event stream's mode");
    }

    public async ValueTask<SseItem<JsonRpcMessage?>> WriteEventAsync(SseItem<JsonRpcMessage?> item, CancellationToken cancellationToken)
    {
        if (item.EventId is not null)
        {
            return item;
        }

        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (shared || _numbered == 0)
            {
                _numbered = await store.AppendAsync(streamKey, options.SessionId, options.StreamId, _mode, item, perSession);
                return item with { EventId = RedisEventIds.Format(streamKey, _numbered) };
            }

            _waiting.Add(RedisEventFields.Encode(item));
            var sequence = ++_numbered;
            if (_waiting.Count == 1)
            {
                _firstWaitingAt = store.Time.GetTimestamp();
            }
            else if (store.Time.GetElapsedTime(_firstWaitingAt) >= BatchFor)
            {
                await StoreWaitingAsync(ended: false);
            }

            return item with { EventId = RedisEventIds.Format(streamKey, sequence) };
        }
        finally
        {
            _writing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (shared)
        {
            return;
        }

        await _writing.WaitAsync();
        try
        {
            await StoreWaitingAsync(ended: true);
        }
        catch (McpStoreUnavailableException)
        {
            // Redis away: the stream expires with its lifetime instead, and its readers find it ended then.
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task StoreWaitingAsync(bool ended)
    {
        if (_failed)
        {
            if (ended)
            {
                await store.EndAsync(streamKey);
            }

            return;
        }

        if (_waiting.Count == 0 && !ended)
        {
            return;
        }

        var keys = store.Keys;
        RedisValue[] arguments = [ended ? 1 : 0, ended ? endedMilliseconds : store.OpenMilliseconds, keys.EventStreamChanged(streamKey).ToString(), .. _waiting];
        _waiting.Clear();
        try
        {
            var stored = (long)await RedisCalls.RunAsync(() => store.Database.ScriptEvaluateAsync(RedisEventScripts.AppendBatch,
                [keys.EventStream(streamKey), keys.EventStreamInfo(streamKey)], arguments), "keep the events for resumption");
            // Positions are sequences: a batch lost on the way would shift every later event, so none is stored after it.
            _failed = stored != _numbered;
        }
        catch (McpStoreUnavailableException)
        {
            _failed = true;
            throw;
        }
    }
}
