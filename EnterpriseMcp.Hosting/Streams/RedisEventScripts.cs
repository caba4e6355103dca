namespace EnterpriseMcp.Hosting.Streams;

/// <summary>The Redis store's changes, each one script so that it is atomic on the server.</summary>
internal static class RedisEventScripts
{
    /// <summary>
    /// Appends an event and returns its sequence. The stream's first event records its facts and enters it in its
    /// session's list; beyond the limit, the oldest stream there goes if it ended, or moves to the back if it is still
    /// open: one step per new stream, so a session never holds many more than the limit plus its open ones.
    /// KEYS: events, info, the session's streams. ARGV: event, session, stream id, mode, lifetime ms, channel, stream key,
    /// limit, key prefix, 1 to list the stream in its session's list (0 for the session's one shared stream, which no
    /// limit removes).
    /// </summary>
    public const string Append = """
        local n = redis.call('RPUSH', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        if redis.call('HSETNX', KEYS[2], 's', ARGV[2]) == 1 then
          redis.call('HSET', KEYS[2], 'i', ARGV[3], 'm', ARGV[4])
          if ARGV[10] == '1' then
            redis.call('RPUSH', KEYS[3], ARGV[7])
            redis.call('PEXPIRE', KEYS[3], ARGV[5])
          end
          if redis.call('LLEN', KEYS[3]) > tonumber(ARGV[8]) then
            local key = redis.call('LPOP', KEYS[3])
            local info = ARGV[9] .. 'events-info:' .. key
            if redis.call('HGET', info, 'e') == '1' or redis.call('EXISTS', info) == 0 then
              redis.call('DEL', ARGV[9] .. 'events:' .. key, info)
            else
              redis.call('RPUSH', KEYS[3], key)
            end
          end
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
        if redis.call('EXISTS', KEYS[4]) == 0 then
          redis.call('SREM', KEYS[5], ARGV[2])
          return 0
        end
        """ + "\n" + Append;

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
