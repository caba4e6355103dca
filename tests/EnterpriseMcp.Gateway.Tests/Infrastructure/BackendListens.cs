using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Tests.Infrastructure;

/// <summary>
/// <c>subscriptions/listen</c> as a 2026-07-28 backend serves it, for <see cref="RecordingBackend"/>: each listen is
/// acknowledged with what it asked for and held open; a change is sent to the listens that asked for it.
/// </summary>
public sealed class BackendListens
{
    private readonly ConcurrentDictionary<Listen, byte> _open = new();

    /// <summary>The <c>notifications</c> filter of each listen open now.</summary>
    public IReadOnlyList<JsonObject> Open => [.. _open.Keys.Select(listen => listen.Filter)];

    public async ValueTask<EmptyResult> HandleAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken cancellationToken)
    {
        var filter = request.JsonRpcRequest.Params?["notifications"] as JsonObject ?? [];
        var listen = new Listen(request.Server, JsonSerializer.SerializeToNode(request.JsonRpcRequest.Id, McpJsonUtilities.DefaultOptions), (JsonObject)filter.DeepClone());
        await listen.SendAsync(NotificationMethods.SubscriptionsAcknowledgedNotification, new JsonObject { ["notifications"] = filter.DeepClone() });
        _open[listen] = 0;
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            _open.TryRemove(listen, out _);
        }

        return new EmptyResult();
    }

    public async Task ToolsChangedAsync()
    {
        foreach (var listen in _open.Keys.Where(listen => listen.Filter["toolsListChanged"]?.GetValue<bool>() == true))
        {
            await listen.SendAsync(NotificationMethods.ToolListChangedNotification, []);
        }
    }

    public async Task UpdatedAsync(string uri)
    {
        foreach (var listen in _open.Keys.Where(listen => listen.Filter["resourceSubscriptions"] is JsonArray uris && uris.Any(item => item?.GetValue<string>() == uri)))
        {
            await listen.SendAsync(NotificationMethods.ResourceUpdatedNotification, new JsonObject { ["uri"] = uri });
        }
    }

    private sealed record Listen(McpServer Server, JsonNode? Id, JsonObject Filter)
    {
        public Task SendAsync(string method, JsonObject parameters)
        {
            parameters["_meta"] = new JsonObject { [MetaKeys.SubscriptionId] = Id?.DeepClone() };
            return Server.SendMessageAsync(new JsonRpcNotification { Method = method, Params = parameters });
        }
    }
}
