using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EnterpriseMcp.Hosting.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>
/// Takes in the answers other replicas pass on (<see cref="ClientAnswerRouting"/>) to requests this replica's session
/// servers sent, and gives each to its session's server, which was waiting for it.
/// </summary>
internal sealed partial class ClientAnswerInbox(
    IConnectionMultiplexer redis,
    RedisKeys keys,
    ReplicaIdentity replica,
    McpSessionManager sessions,
    IHostApplicationLifetime lifetime,
    ILogger<ClientAnswerInbox> logger) : IHostedService
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageTypeInfo =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(keys.AnswersFor(replica.Id), (channel, envelope) => _ = DeliverAsync((string)envelope!));
        }
        catch (RedisConnectionException)
        {
            // Redis away at start: the connection subscribes again when it reconnects.
            LogNotSubscribed();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task DeliverAsync(string envelope)
    {
        var newline = envelope.IndexOf('\n');
        if (newline < 0 || sessions.LiveOrNull(envelope[..newline]) is not { } session)
        {
            return;
        }

        try
        {
            var message = JsonSerializer.Deserialize(envelope.AsSpan(newline + 1), MessageTypeInfo)!;
            await session.Transport.HandlePostRequestAsync(message, Stream.Null, lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is JsonException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The session's server went away meanwhile: nothing waits for the answer any more.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answers to this replica's requests to clients cannot be passed to it yet: Redis is unreachable.")]
    private partial void LogNotSubscribed();
}
