using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>
/// What a backend sends during a call relayed by <see cref="ToolCallShortcut"/>, written straight to the client's
/// stream: progress as it is, log messages at or above the client's level. A 2026-07-28 client cannot be asked mid-call.
/// </summary>
internal sealed class ShortcutRelay(Func<JsonRpcNotification, CancellationToken, ValueTask> notify, LoggingLevel? logLevel) : IBackendCallRelay
{
    public ValueTask OnNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken) =>
        notification.Method == NotificationMethods.ProgressNotification
        || (notification.Method == NotificationMethods.LoggingMessageNotification && InboundRelay.Wanted(notification, logLevel))
            ? notify(new JsonRpcNotification { Method = notification.Method, Params = notification.Params }, cancellationToken)
            : ValueTask.CompletedTask;

    public Task<JsonNode?> OnRequestAsync(JsonRpcRequest request, CancellationToken cancellationToken) =>
        throw InboundRelay.CannotAsk(request);

    // A stateless request has no event store to resume from: its stream stays open instead.
    public ValueTask OnPollingAsync(TimeSpan retryInterval, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
