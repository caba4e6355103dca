using EnterpriseMcp.Gateway.RateLimiting;
using EnterpriseMcp.Gateway.Resilience;
using EnterpriseMcp.Hosting.ScaleOut;
using StackExchange.Redis;

namespace EnterpriseMcp.Gateway.ScaleOut;

internal static class GatewayScaleOutExtensions
{
    /// <summary>The connection string's name: <c>ConnectionStrings:redis</c>, as Aspire's Redis resource sets it.</summary>
    public const string ConnectionName = "redis";

    /// <summary>
    /// With <c>ConnectionStrings:redis</c> set, what replicas share lives in Redis, so that any replica serves any request:
    /// sessions and their event streams, rate-limit buckets and circuits. Without it, all of that stays in this process's
    /// memory, which is right for one replica. Called before the in-memory defaults are registered, which are added only
    /// where nothing is (<c>TryAdd</c>).
    /// </summary>
    public static void AddGatewayScaleOut(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName)))
        {
            return;
        }

        builder.AddRedisClient(ConnectionName,
            // Ours instead: Redis down degrades the gateway, where Aspire's check would call it unhealthy.
            settings => settings.DisableHealthChecks = true,
            options =>
            {
                // Started without Redis, the gateway connects when it comes; commands meanwhile fail at once (a clear
                // 503) instead of queueing until a timeout holds every request.
                options.AbortOnConnectFail = false;
                options.BacklogPolicy = BacklogPolicy.FailFast;
            });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        builder.Services.AddMcpRedisStores();
        builder.Services.AddSingleton<ICallLimiter, RedisCallLimiter>();
        builder.Services.AddHostedService<SharedCircuits>();
        builder.Services.AddSingleton<SuspendedCallRouter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SuspendedCallRouter>());
    }
}
