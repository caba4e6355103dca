using EnterpriseMcp.Hosting.Sessions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>
/// Drops this replica's server of a session that ended on another one (DELETE), as soon as it is told: a replica serves
/// a session it runs for up to a second without asking Redis again, and must not go on serving one that ended.
/// </summary>
internal sealed class EndedSessionListener(IConnectionMultiplexer redis, RedisKeys keys, McpSessionManager sessions) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(keys.SessionsEnded, (channel, sessionId) => _ = sessions.ForgetEndedAsync((string)sessionId!));
        }
        catch (RedisConnectionException)
        {
            // Redis away at start: the connection subscribes again when it reconnects; meanwhile sessions cannot end anyway.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
