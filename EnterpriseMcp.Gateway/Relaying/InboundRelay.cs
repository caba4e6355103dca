using System.Text.Json;
using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>
/// Passes what a backend sends during a call to the client that made it, on that request's own
/// stream: progress as it is, log messages at or above the client's level, and questions (sampling,
/// elicitation, roots) whose answers go back to the backend. A 2026-07-28 client cannot be asked
/// mid-call; its questions arrive as input-required results instead.
/// </summary>
internal sealed class InboundRelay(InboundCall inbound) : IBackendCallRelay
{
    private int _polling;

    public async ValueTask OnNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        switch (notification.Method)
        {
            case NotificationMethods.ProgressNotification:
                break;
            case NotificationMethods.LoggingMessageNotification when Wanted(notification, inbound.LogLevel):
                break;
            default:
                return;
        }

        await inbound.Server.SendMessageAsync(
            new JsonRpcNotification { Method = notification.Method, Params = notification.Params }, cancellationToken);
    }

    public async Task<JsonNode?> OnRequestAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        if (inbound.Generation == BackendGeneration.Stateless)
        {
            throw CannotAsk(request);
        }

        var response = await inbound.Server.SendRequestAsync(
            new JsonRpcRequest { Method = request.Method, Params = request.Params }, cancellationToken);
        return response.Result;
    }

    public async ValueTask OnPollingAsync(TimeSpan retryInterval, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return;
        }

        try
        {
            await inbound.EnablePolling(retryInterval, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // A stateless request has no event store to resume from: its stream stays open instead.
        }
    }

    /// <summary>A 2026-07-28 client is never asked mid-call: its questions come as input-required results instead.</summary>
    public static McpProtocolException CannotAsk(JsonRpcRequest request) => new(
        $"The client speaks 2026-07-28 and cannot be asked '{request.Method}' during a call.", McpErrorCode.MethodNotFound);

    /// <summary>A log message at or above the client's level; none when the client set no level.</summary>
    public static bool Wanted(JsonRpcNotification notification, LoggingLevel? threshold)
    {
        if (threshold is not { } least)
        {
            return false;
        }

        var level = notification.Params?["level"]?.Deserialize<LoggingLevel>(McpJsonUtilities.ProtocolOptions);
        return level is null || level >= least;
    }
}
