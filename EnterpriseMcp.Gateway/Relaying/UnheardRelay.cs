using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Backends;
using ModelContextProtocol.Protocol;

namespace EnterpriseMcp.Gateway.Relaying;

/// <summary>
/// The relay of a suspended call's round run for a retry that reached another replica: the backend's progress and log
/// messages cannot reach that client's stream from here, and are dropped; its questions are the call's own business.
/// </summary>
internal sealed class UnheardRelay : IBackendCallRelay
{
    public static readonly UnheardRelay Instance = new();

    public ValueTask OnNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public Task<JsonNode?> OnRequestAsync(JsonRpcRequest request, CancellationToken cancellationToken) =>
        throw InboundRelay.CannotAsk(request);

    public ValueTask OnPollingAsync(TimeSpan retryInterval, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
