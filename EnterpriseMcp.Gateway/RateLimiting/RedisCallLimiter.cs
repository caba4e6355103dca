using EnterpriseMcp.Hosting.ScaleOut;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// The limits shared by every replica: each rule's buckets live in Redis (<see cref="SharedBucket"/>), so that a rule of
/// N a minute admits N calls a minute in all, whichever replicas take them. The rules themselves and each backend's
/// concurrency limit are this replica's (<see cref="InMemoryCallLimiter"/>): the concurrency limit protects the replica's
/// own connections. While Redis cannot be reached, the rules count in this replica's memory instead, so that calls are
/// still limited (per replica) and never fail for it. Redis is tried again a second after each failure, by one call,
/// not by every call: a Redis that hangs rather than refuses makes the calls wait for its timeout only once a second.
/// </summary>
internal sealed partial class RedisCallLimiter(
    InMemoryCallLimiter memory,
    IConnectionMultiplexer redis,
    IOptions<McpRedisOptions> options,
    ILogger<RedisCallLimiter> logger) : ICallLimiter
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly string _keyPrefix = options.Value.KeyPrefix;
    private int _unreachable;
    private long _retryAt;

    public async ValueTask<CallAdmission> AdmitAsync(LimitedCall call, CancellationToken cancellationToken)
    {
        var limits = memory.Current;
        if (!TryRedisNow())
        {
            return limits.Admit(call);
        }

        CallAdmission? refusal;
        try
        {
            refusal = await TakeSharedTokensAsync(limits, call);
            if (Interlocked.Exchange(ref _unreachable, 0) == 1)
            {
                LogShared();
            }
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            Volatile.Write(ref _retryAt, Environment.TickCount64 + (long)RetryAfterFailure.TotalMilliseconds);
            if (Interlocked.Exchange(ref _unreachable, 1) == 0)
            {
                LogPerReplica(e.GetType().Name, e.Message);
            }

            refusal = limits.TakeTokens(call);
        }

        return refusal ?? limits.TakeSlot(call);
    }

    // While Redis is unreachable, one call claims the next try; the others count in memory meanwhile.
    private bool TryRedisNow()
    {
        if (Volatile.Read(ref _unreachable) == 0)
        {
            return true;
        }

        var retryAt = Volatile.Read(ref _retryAt);
        return Environment.TickCount64 >= retryAt
            && Interlocked.CompareExchange(ref _retryAt, Environment.TickCount64 + (long)RetryAfterFailure.TotalMilliseconds, retryAt) == retryAt;
    }

    private async Task<CallAdmission?> TakeSharedTokensAsync(CompiledLimits limits, LimitedCall call)
    {
        var database = redis.GetDatabase();
        foreach (var (rule, partition) in limits.BucketsOf(call))
        {
            if (await SharedBucket.TryTakeAsync(database, _keyPrefix, rule, partition) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis cannot be reached ({Error}: {Reason}): the rate limits hold per replica, in its memory, until it is back.")]
    private partial void LogPerReplica(string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: the rate limits are shared by every replica again.")]
    private partial void LogShared();
}
