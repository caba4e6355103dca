using StackExchange.Redis;
using EnterpriseMcp.Hosting.ScaleOut;

namespace EnterpriseMcp.Hosting.Streams;

/// <summary>
/// Copies one of this replica's request streams to Redis, where another replica reads it for a client that resumed
/// there: first what the stream holds, then each later event and its end. Copies run one at a time and each starts
/// where the stored list ends, so events keep their sequences and none is stored twice.
/// </summary>
internal sealed class StreamHandOver(RedisEventStreamStore store, EventStream stream, string streamKey)
{
    // Events per script: a long stream goes in several, so that no script holds Redis long.
    private const int EventsPerScript = 256;

    private readonly SemaphoreSlim _copying = new(1, 1);
    private long _copied;

    /// <summary>Copies what is not in Redis yet; true once the stream's end is there too.</summary>
    public async Task<bool> CopyAsync()
    {
        await _copying.WaitAsync();
        try
        {
            var (events, ended, _) = stream.ReadAfter(_copied);
            var keys = store.Keys;
            var chunks = events.Chunk(EventsPerScript).ToList();
            if (chunks.Count == 0)
            {
                chunks.Add([]);
            }

            for (var index = 0; index < chunks.Count; index++)
            {
                var last = index == chunks.Count - 1;
                RedisValue[] arguments = [stream.SessionId, stream.StreamId, (int)stream.Mode, last && ended ? 1 : 0,
                    last && ended ? store.EndedMilliseconds : store.OpenMilliseconds, keys.EventStreamChanged(streamKey).ToString(), _copied,
                    .. chunks[index].Select(item => (RedisValue)RedisEventFields.Encode(item))];
                await RedisCalls.RunAsync(() => store.Database.ScriptEvaluateAsync(RedisEventScripts.HandOver,
                    [keys.EventStream(streamKey), keys.EventStreamInfo(streamKey)], arguments), "hand the event stream over");
                _copied += chunks[index].Length;
            }

            return ended;
        }
        finally
        {
            _copying.Release();
        }
    }
}
