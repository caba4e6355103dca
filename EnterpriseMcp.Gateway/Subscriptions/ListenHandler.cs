using System.Text.Json.Nodes;
using EnterpriseMcp.Gateway.Policy;
using EnterpriseMcp.Gateway.Backends;
using EnterpriseMcp.Hosting.Authorization;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Subscriptions;

/// <summary>
/// <c>subscriptions/listen</c> (2026-07-28): acknowledges what the gateway will send, then keeps the response stream
/// open and writes each change as it is due, until the client closes the stream (which cancels the request) or the
/// gateway stops (then it answers the request, the spec's graceful end).
/// </summary>
internal sealed class ListenHandler(ClientListeners listeners, BackendRegistry registry, GatewayRequestAuthorizer access,
    IHostApplicationLifetime lifetime)
{
    /// <summary>URIs one listen may subscribe to; further ones are left out of the acknowledgement.</summary>
    public const int MaxResourceSubscriptions = 100;

    /// <summary>Longer URIs are left out: a subscription is kept in memory for as long as the stream is open.</summary>
    public const int MaxUriLength = 2048;

    public async ValueTask<EmptyResult> HandleAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken cancellationToken)
    {
        var id = request.JsonRpcRequest.Id;
        var caller = access.PrincipalOf(request.User);
        var granted = Grant(ListenFilter.Read(request.JsonRpcRequest.Params), caller);
        var listener = granted.IsEmpty ? null
            : listeners.TryAdd(id, UserKeyOf(caller), caller, granted)
              ?? throw new McpProtocolException(
                  $"Too many open subscriptions/listen streams for this user (at most {listeners.Limit}, Mcp:Http:MaxSessionsPerUser); close one first.",
                  McpErrorCode.InvalidRequest);
        if (listener is null || listener.Granted.IsEmpty)
        {
            // Nothing to send, ever: acknowledged as such and ended, rather than holding a stream open for nothing.
            var nothing = listener ?? new ClientListener(id, UserKeyOf(caller), caller, granted);
            listeners.Remove(nothing);
            await request.Server.SendMessageAsync(Acknowledgement(nothing), cancellationToken);
            return Ended(nothing);
        }

        try
        {
            await request.Server.SendMessageAsync(Acknowledgement(listener), cancellationToken);
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            while (true)
            {
                IReadOnlyList<JsonRpcNotification> due;
                try
                {
                    due = await listener.NextAsync(ending.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return Ended(listener);
                }

                foreach (var notification in due)
                {
                    await request.Server.SendMessageAsync(notification, cancellationToken);
                }
            }
        }
        finally
        {
            listeners.Remove(listener);
        }
    }

    /// <summary>
    /// What the gateway agrees to send: every list change asked for (it has them for every backend), and the URIs asked for
    /// that some backend serves and that the policy lets the caller read. The acknowledgement tells the client which.
    /// </summary>
    public ListenFilter Grant(ListenFilter asked, McpPrincipal caller)
    {
        var catalog = registry.Catalog;
        var uris = asked.ResourceSubscriptions
            .Where(uri => uri.Length is > 0 and <= MaxUriLength)
            .Distinct(StringComparer.Ordinal)
            .Where(uri => catalog.FindResource(uri) is not null && access.Shows(caller, PolicyTargetKind.Resource, uri))
            .Take(MaxResourceSubscriptions)
            .ToList();
        return asked with { ResourceSubscriptions = uris };
    }

    private static JsonRpcNotification Acknowledgement(ClientListener listener) =>
        listener.Tagged(NotificationMethods.SubscriptionsAcknowledgedNotification,
            new JsonObject { ["notifications"] = listener.Granted.ToJson() });

    // The spec's graceful end: a result, naming the subscription it closes.
    private static EmptyResult Ended(ClientListener listener) => new() { Meta = listener.SubscriptionMeta() };

    // Anonymous callers exist only in development, on loopback: they share one count.
    private static string UserKeyOf(McpPrincipal caller) => caller.IsAuthenticated ? $"{caller.Issuer}|{caller.Subject}" : "";
}
