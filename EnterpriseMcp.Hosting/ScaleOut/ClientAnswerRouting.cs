using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StackExchange.Redis;

namespace EnterpriseMcp.Hosting.ScaleOut;

/// <summary>
/// Brings a 2025 client's answer to a server request (sampling, elicitation, roots) to the replica whose server asked
/// and waits for it, whichever replica the load balancer gives the answer's POST to. Each request a session's server
/// sends is recorded under its id with the replica that sent it; an answer reaching another replica is passed to that
/// one over its Redis channel and acknowledged with 202 as usual. An answer whose asker is gone, or unknown, is handled
/// where it landed (and so dropped, as on one replica when nothing waits for it). The asker takes it in through
/// <see cref="ClientAnswerInbox"/>.
/// </summary>
internal sealed class ClientAnswerRouting(IConnectionMultiplexer redis, RedisKeys keys, ReplicaIdentity replica)
{
    // As long as a server waits for an answer at most; an unanswered question's key then goes by itself.
    private static readonly TimeSpan AskedLifetime = TimeSpan.FromHours(1);

    private static readonly JsonTypeInfo<JsonRpcMessage> MessageTypeInfo =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    private RedisKey Asked(string sessionId, RequestId id) => $"{keys.Prefix}asked:{sessionId}:{id}";

    /// <summary>Records the replica of each request a session's server sends to its client.</summary>
    public McpMessageFilter Recorder() => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest request && context.Server.SessionId is { } sessionId)
        {
            await RedisCalls.RunAsync(() => redis.GetDatabase().StringSetAsync(Asked(sessionId, request.Id), replica.Id, AskedLifetime),
                "remember which replica asked the client");
        }

        await next(context, cancellationToken);
    };

    /// <summary>
    /// Passes a client's answer to the replica that asked, when that is another one and it still listens; true then.
    /// </summary>
    public async ValueTask<bool> TryPassOnAsync(string sessionId, JsonRpcMessage message)
    {
        if (message is not (JsonRpcResponse or JsonRpcError) || message is not JsonRpcMessageWithId { Id: var id })
        {
            return false;
        }

        var asker = await RedisCalls.RunAsync(() => redis.GetDatabase().StringGetDeleteAsync(Asked(sessionId, id)), "find who asked the client");
        if (asker.IsNull || asker == replica.Id)
        {
            return false;
        }

        var envelope = $"{sessionId}\n{JsonSerializer.Serialize(message, MessageTypeInfo)}";
        return await RedisCalls.RunAsync(() => redis.GetSubscriber().PublishAsync(keys.AnswersFor(asker!), envelope), "pass the answer on") > 0;
    }
}
