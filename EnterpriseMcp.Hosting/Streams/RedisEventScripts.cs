namespace EnterpriseMcp.Hosting.Streams;

/// <summary>The Redis store's changes, each one script so that it is atomic on the server.</summary>
internal static class RedisEventScripts
{
    /// <summary>
    /// Appends an event to a session's shared stream and returns its sequence; the first records the stream's facts.
    /// KEYS: events, info. ARGV: event, session, stream id, mode, lifetime ms, channel.
    /// </summary>
    public const string Append = """
        local n = redis.call('RPUSH', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        if redis.call('HSETNX', KEYS[2], 's', ARGV[2]) == 1 then
          redis.call('HSET', KEYS[2], 'i', ARGV[3], 'm', ARGV[4])
        end
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        redis.call('PUBLISH', ARGV[6], n)
        return n
        """;

    /// <summary>
    /// Appends a notification to a listening session's shared stream, unless the session has ended, which then leaves
    /// the listening set. KEYS: as <see cref="Append"/>, then the session and the listening set. ARGV: as Append.
    /// </summary>
    public const string Notify = """
        if redis.call('EXISTS', KEYS[3]) == 0 then
          redis.call('SREM', KEYS[4], ARGV[2])
          return 0
        end
        """ + "\n" + Append;

    /// <summary>
    /// Stores part of a request's stream that its writer hands over: the events from position <c>from</c> + 1 on, each
    /// unless the list already holds it (a copy asked for twice stores it once), and the stream's facts.
    /// KEYS: events, info. ARGV: session, stream id, mode, ended (1 or 0), lifetime ms, channel, from, then the events.
    /// </summary>
    public const string HandOver = """
        local have = redis.call('LLEN', KEYS[1])
        local from = tonumber(ARGV[7])
        for i = 8, #ARGV do
          if from + i - 7 > have then redis.call('RPUSH', KEYS[1], ARGV[i]) end
        end
        redis.call('HSET', KEYS[2], 's', ARGV[1], 'i', ARGV[2], 'm', ARGV[3])
        if ARGV[4] == '1' then redis.call('HSET', KEYS[2], 'e', '1') end
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('PUBLISH', ARGV[6], 'h')
        return 1
        """;

    /// <summary>Marks a stream ended, to be kept for the retention period. KEYS: info, events. ARGV: retention ms, channel.</summary>
    public const string End = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'e', '1')
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        redis.call('PUBLISH', ARGV[2], 0)
        return 1
        """;

    /// <summary>Keeps an open stream that is followed but not written. KEYS: info, events. ARGV: lifetime ms.</summary>
    public const string Keep = """
        if redis.call('HGET', KEYS[1], 'e') == '1' then return 0 end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        return 1
        """;
}
