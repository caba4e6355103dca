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
internal sealed class ClientAnswerInbox(
    IConnectionMultiplexer redis,
    RedisKeys keys,
    ReplicaIdentity replica,
    McpSessionManager sessions,
    IHostApplicationLifetime lifetime,
    ILogger<ClientAnswerInbox> logger) : ReplicaInbox(redis, logger, "Answers to this replica's requests to clients")
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageTypeInfo =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    protected override RedisChannel Channel => keys.AnswersFor(replica.Id);

    protected override async Task DeliverAsync(string envelope)
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
}
