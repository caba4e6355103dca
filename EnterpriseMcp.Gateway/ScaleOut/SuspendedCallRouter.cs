using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Relaying;
using EnterpriseMcp.Hosting.ScaleOut;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using StackExchange.Redis;

namespace EnterpriseMcp.Gateway.ScaleOut;

/// <summary>
/// Brings a 2026-07-28 client's retry to the replica that holds its suspended call (a 2025 backend's call held open
/// while the client answers), whichever replica the load balancer gave the retry to. The retry's replica asks the
/// holder over Redis (a channel per replica) and waits on a channel of its own for the round's outcome: the result,
/// the next question, or an error. The holder checks the user and the tool as for a retry of its own. A holder that
/// is gone (no one listens on its channel) is reported at once: the client starts the call again.
/// </summary>
internal sealed partial class SuspendedCallRouter(
    IConnectionMultiplexer redis,
    RedisKeys keys,
    ReplicaIdentity replica,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<SuspendedCallRouter> logger) : IHostedService
{
    // A round lasts until the backend answers or asks again; the backend's own timeout ends it well before this.
    private static readonly TimeSpan LongestRound = TimeSpan.FromMinutes(10);

    private static readonly JsonSerializerOptions Json = McpJsonUtilities.DefaultOptions;

    private RedisChannel Inbox(string replicaId) => RedisChannel.Literal($"{keys.Prefix}suspended:{replicaId}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Inbox(replica.Id), (channel, message) => _ = ServeAsync((string)message!));
        }
        catch (RedisConnectionException)
        {
            // Redis away at start: the connection subscribes again when it reconnects.
            LogNotSubscribed(replica.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<JsonNode> ResumeElsewhereAsync(string handle, string? userKey, string target, JsonObject? answers,
        CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        var reply = RedisChannel.Literal($"{keys.Prefix}suspended-reply:{replica.Id}:{Guid.NewGuid():N}");
        var outcome = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<RedisChannel, RedisValue> receive = (_, message) => outcome.TrySetResult(JsonNode.Parse((string)message!)!.AsObject());
        var request = new JsonObject
        {
            ["reply"] = reply.ToString(),
            ["handle"] = handle,
            ["user"] = userKey,
            ["target"] = target,
            ["answers"] = answers?.DeepClone(),
        };
        try
        {
            await subscriber.SubscribeAsync(reply, receive);
            try
            {
                if (await subscriber.PublishAsync(Inbox(SuspendedCalls.ReplicaOf(handle)), request.ToJsonString()) == 0)
                {
                    throw new McpProtocolException(
                        "The requestState names a call held by a gateway replica that has stopped: the call is lost; call the tool again.",
                        McpErrorCode.InvalidParams);
                }

                return Unpack(await outcome.Task.WaitAsync(LongestRound, cancellationToken));
            }
            finally
            {
                await subscriber.UnsubscribeAsync(reply, receive);
            }
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            throw new McpProtocolException(
                "The retry could not reach the gateway replica holding the call: Redis is unreachable; retry shortly.",
                McpErrorCode.InternalError);
        }
    }

    /// <summary>Runs a round for a retry that reached another replica, and sends that replica the outcome.</summary>
    private async Task ServeAsync(string message)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(message)!.AsObject();
        }
        catch (JsonException)
        {
            return;
        }

        JsonObject outcome;
        try
        {
            var forwarder = services.GetRequiredService<BackendForwarder>();
            var result = await forwarder.ResumeHereAsync((string)request["handle"]!, (string?)request["user"], (string)request["target"]!,
                request["answers"] as JsonObject, UnheardRelay.Instance, lifetime.ApplicationStopping);
            outcome = new JsonObject { ["result"] = result.DeepClone() };
        }
        catch (InputRequiredException asked)
        {
            outcome = new JsonObject { ["inputRequired"] = JsonSerializer.SerializeToNode(asked.Result, Json) };
        }
        catch (McpProtocolException refused)
        {
            outcome = Error((int)refused.ErrorCode, refused.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRoundFailed(e);
            outcome = Error((int)McpErrorCode.InternalError, "The suspended call failed on the gateway replica holding it.");
        }

        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal((string)request["reply"]!), outcome.ToJsonString());
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            // The asking replica times out its client's retry.
        }
    }

    private static JsonObject Error(int code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static JsonNode Unpack(JsonObject outcome)
    {
        if (outcome["result"] is { } result)
        {
            return result.DeepClone();
        }

        if (outcome["inputRequired"] is { } asked)
        {
            throw new InputRequiredException(asked.Deserialize<InputRequiredResult>(Json)!);
        }

        var error = outcome["error"];
        throw new McpProtocolException((string?)error?["message"] ?? "The suspended call failed.", (McpErrorCode)((int?)error?["code"] ?? -32603));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica} could not listen for retries of its suspended calls yet: Redis is unreachable.")]
    private partial void LogNotSubscribed(string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A suspended call resumed for another replica's retry failed.")]
    private partial void LogRoundFailed(Exception error);
}
