using System.Text.Json;
using EnterpriseMcp.Hosting.Configuration;
using EnterpriseMcp.Hosting.ScaleOut;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.Sessions;

/// <summary>
/// Sessions every replica sees: each a small hash (owner, creation time, initialize parameters, log level) that expires after the
/// idle timeout unless used, and each user's sessions in a sorted set by expiry, so that the per-user limit holds across
/// replicas. Every change is one script, atomic on the server; the scripts read the clock of Redis, not of the replica,
/// so replicas whose clocks differ agree on expiry. One Redis (with its replicas), not Redis Cluster: the scripts touch a
/// user's set through a key they compute. Every change to a session's record, and its end, is told on one channel, so
/// that replicas may trust the sessions they run for a moment (<see cref="TrustLiveSessionsFor"/>) instead of asking on
/// every request; a session's idle clock is then renewed when a replica asks, at least once per that moment while used.
/// </summary>
internal sealed class RedisMcpSessionStore(IConnectionMultiplexer redis, RedisKeys keys, IOptions<McpHttpOptions> options)
    : IMcpSessionStore
{
    private const string UserField = "u";
    private const string CreatedField = "c";
    private const string InitializeField = "i";
    private const string LogLevelField = "l";

    private readonly long _idleMilliseconds = (long)options.Value.IdleTimeout.TotalMilliseconds;

    private const string Now = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) ";

    // KEYS: session, the user's set. ARGV: id, idle ms, limit, user, created.
    private const string CreateScript = Now + """
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
        if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('HSET', KEYS[1], 'u', ARGV[4], 'c', ARGV[5])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[2], 'GT')
        if redis.call('PTTL', KEYS[2]) < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
        return 1
        """;

    // KEYS: session. ARGV: id, idle ms, key prefix.
    private const string TouchScript = Now + """
        local user = redis.call('HGET', KEYS[1], 'u')
        if not user then return 0 end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        local owned = ARGV[3] .. 'user-sessions:' .. redis.sha1hex(user)
        redis.call('ZADD', owned, 'XX', now + tonumber(ARGV[2]), ARGV[1])
        redis.call('PEXPIRE', owned, ARGV[2], 'GT')
        return 1
        """;

    // KEYS: session. ARGV: id, idle ms, key prefix, the caller's user key ('' for none). The session's fields, renewed
    // only for its owner.
    private const string FindScript = Now + """
        local fields = redis.call('HGETALL', KEYS[1])
        local user = redis.call('HGET', KEYS[1], 'u')
        if user and user == ARGV[4] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          local owned = ARGV[3] .. 'user-sessions:' .. redis.sha1hex(user)
          redis.call('ZADD', owned, 'XX', now + tonumber(ARGV[2]), ARGV[1])
          redis.call('PEXPIRE', owned, ARGV[2], 'GT')
        end
        return fields
        """;

    // KEYS: session. ARGV: id, key prefix, changes channel.
    private const string RemoveScript = """
        local user = redis.call('HGET', KEYS[1], 'u')
        if not user then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', ARGV[2] .. 'user-sessions:' .. redis.sha1hex(user), ARGV[1])
        redis.call('PUBLISH', ARGV[3], ARGV[1])
        return 1
        """;

    // KEYS: session. ARGV: a field and its value, the changes channel, id. Never recreates a session that ended meanwhile.
    private const string SetFieldScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PUBLISH', ARGV[3], ARGV[4])
        return 1
        """;

    // Short against any idle timeout: a session used only within it expires at most this much early.
    private static readonly TimeSpan LongestTrust = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _trust = TimeSpan.FromTicks(Math.Min(LongestTrust.Ticks, options.Value.IdleTimeout.Ticks / 10));
    private volatile bool _hearing;

    private static readonly JsonSerializerOptions Json = McpJsonUtilities.DefaultOptions;

    private IDatabase Database => redis.GetDatabase();

    public async ValueTask<bool> TryCreateAsync(McpSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken)
    {
        var created = await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(CreateScript,
            [keys.Session(session.Id), keys.UserSessions(session.UserKey)],
            [session.Id, _idleMilliseconds, maxSessionsPerUser, session.UserKey ?? "", session.CreatedAt.ToUnixTimeMilliseconds()]),
            "start a session");
        return (int)created == 1;
    }

    public async ValueTask<McpSessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken) =>
        RecordOf(sessionId, await RedisCalls.RunAsync(() => Database.HashGetAllAsync(keys.Session(sessionId)), "find the session"));

    public async ValueTask<McpSessionRecord?> FindForAsync(string sessionId, string? userKey, CancellationToken cancellationToken)
    {
        var found = await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(FindScript, [keys.Session(sessionId)],
            [sessionId, _idleMilliseconds, keys.Prefix, userKey ?? ""]), "find the session");
        var flat = (RedisValue[])found!;
        var fields = new HashEntry[flat.Length / 2];
        for (var index = 0; index < fields.Length; index++)
        {
            fields[index] = new HashEntry(flat[2 * index], flat[2 * index + 1]);
        }

        return RecordOf(sessionId, fields);
    }

    private static McpSessionRecord? RecordOf(string sessionId, HashEntry[] fields)
    {
        string? user = null;
        long created = 0;
        InitializeRequestParams? initialize = null;
        LoggingLevel? level = null;
        foreach (var field in fields)
        {
            switch ((string?)field.Name)
            {
                case UserField:
                    user = field.Value;
                    break;
                case CreatedField:
                    created = (long)field.Value;
                    break;
                case InitializeField:
                    initialize = JsonSerializer.Deserialize<InitializeRequestParams>((string)field.Value!, Json);
                    break;
                case LogLevelField:
                    level = (LoggingLevel)(int)field.Value;
                    break;
            }
        }

        // No user field: the session ended (or never was); a user key is never empty, so "" stands for no user.
        return user is null
            ? null
            : new McpSessionRecord(sessionId, user.Length == 0 ? null : user, DateTimeOffset.FromUnixTimeMilliseconds(created))
            {
                InitializeParams = initialize,
                LogLevel = level,
            };
    }

    public async ValueTask TouchAsync(string sessionId, CancellationToken cancellationToken) =>
        await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(TouchScript, [keys.Session(sessionId)],
            [sessionId, _idleMilliseconds, keys.Prefix]), "keep the session");

    public async ValueTask SetInitializeParamsAsync(string sessionId, InitializeRequestParams initializeParams, CancellationToken cancellationToken) =>
        await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(SetFieldScript, [keys.Session(sessionId)],
            [InitializeField, JsonSerializer.Serialize(initializeParams, Json), keys.SessionChanges.ToString(), sessionId]),
            "record the session's initialize");

    public async ValueTask SetLogLevelAsync(string sessionId, LoggingLevel level, CancellationToken cancellationToken) =>
        await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(SetFieldScript, [keys.Session(sessionId)],
            [LogLevelField, (int)level, keys.SessionChanges.ToString(), sessionId]), "record the session's log level");

    public async ValueTask<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        var removed = await RedisCalls.RunAsync(() => Database.ScriptEvaluateAsync(RemoveScript, [keys.Session(sessionId)],
            [sessionId, keys.Prefix, keys.SessionChanges.ToString()]), "end the session");
        return (int)removed == 1;
    }

    public bool IsShared => true;

    /// <summary>Only while the changes channel is heard: from a successful subscription until the connection fails.</summary>
    public TimeSpan TrustLiveSessionsFor => _hearing ? _trust : TimeSpan.Zero;

    public void WatchChanges(Action<string?> changed)
    {
        // Whatever was said while the connection was down went unheard: nothing is trusted until it is back, and then
        // nothing trusted before counts.
        redis.ConnectionFailed += (_, _) =>
        {
            _hearing = false;
            changed(null);
        };
        redis.ConnectionRestored += (_, _) => _ = HearAgainAsync(changed);
        _ = HearAsync(changed);
    }

    // The connection subscribes again by itself; a ping on the subscriber's connection answers after that.
    private async Task HearAgainAsync(Action<string?> changed)
    {
        try
        {
            await redis.GetSubscriber().PingAsync();
            changed(null);
            _hearing = true;
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            // Down again: the next restore tries again.
        }
    }

    private async Task HearAsync(Action<string?> changed)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(keys.SessionChanges, (_, sessionId) => changed(sessionId));
            _hearing = true;
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            // Redis away at start: the connection subscribes again when it is restored, which then allows trust.
        }
    }
}
