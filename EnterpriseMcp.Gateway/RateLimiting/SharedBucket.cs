using System.Security.Cryptography;
using StackExchange.Redis;

namespace EnterpriseMcp.Gateway.RateLimiting;

/// <summary>
/// A rule's bucket shared by every replica: one Redis key, checked and drawn from by one script, so that concurrent calls
/// on several replicas never take the same token.
/// </summary>
/// <remarks>
/// Our own script, not the held RedisRateLimiting library (1.2.1; it does run on StackExchange.Redis 3): its keys begin
/// with its own <c>rl:tb:</c>, never with <c>Mcp:Redis:KeyPrefix</c>, which must start every key; each replica refills from
/// its own clock, so clocks apart by a second move every bucket by a second's tokens; and its leases carry no retry-after,
/// which the 429 needs.
/// <para>
/// The script is GCRA, the token bucket kept as one number: the time at which the bucket will be full again. A call is
/// admitted when taking a token leaves that time no more than <c>Burst</c> intervals ahead; the key lives until then, so
/// an idle bucket vanishes exactly when it would be full. Time is the Redis server's (<c>TIME</c>), one clock for every
/// replica, in microseconds (below 2^53, so exact in Lua's doubles; written with <c>%.0f</c>, which keeps every digit).
/// </para>
/// </remarks>
internal static class SharedBucket
{
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
        local interval = tonumber(@interval)
        local full = tonumber(redis.call('GET', @key)) or now
        if full < now then full = now end
        local after = full + interval
        local allowed = after - tonumber(@burst) * interval
        if now < allowed then
          return math.ceil((allowed - now) / 1000)
        end
        redis.call('SET', @key, string.format('%.0f', after), 'PX', math.ceil((after - now) / 1000))
        return 0
        """);

    /// <summary>A token from the rule's shared bucket for <paramref name="partition"/>: null when taken, else the refusal.</summary>
    /// <exception cref="RedisException">Redis cannot be reached, or refused the script.</exception>
    /// <exception cref="RedisTimeoutException">Redis did not answer in time.</exception>
    public static async Task<CallAdmission?> TryTakeAsync(IDatabaseAsync redis, string keyPrefix, CompiledRule rule, string partition)
    {
        var retryAfterMilliseconds = (long)await redis.ScriptEvaluateAsync(Script, new
        {
            key = KeyOf(keyPrefix, rule.Name, partition),
            interval = 60_000_000.0 / rule.PermitsPerMinute,
            burst = rule.Burst,
        });
        return retryAfterMilliseconds == 0 ? null : CallAdmission.Refuse(rule.Name, TimeSpan.FromMilliseconds(retryAfterMilliseconds));
    }

    /// <summary>
    /// <c>{prefix}limit:{rule}:{hash}</c>: the partition (a caller's issuer and subject, say) hashed, so that a caller
    /// with a huge or odd subject makes no huge key. The rule's name is the operator's.
    /// </summary>
    public static RedisKey KeyOf(string keyPrefix, string rule, string partition) =>
        $"{keyPrefix}limit:{rule}:{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(partition)), 0, 16)}";
}
