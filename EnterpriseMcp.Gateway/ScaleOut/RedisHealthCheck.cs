using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace EnterpriseMcp.Gateway.ScaleOut;

/// <summary>
/// Redis out of reach degrades the gateway rather than failing it: stateless calls are still served, so a load balancer
/// must not take the replica out; requests that need shared state are answered 503 until Redis is back.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Degraded($"Redis is unreachable ({e.GetType().Name}): sessions, shared limits and circuits wait for it.");
        }
    }
}
