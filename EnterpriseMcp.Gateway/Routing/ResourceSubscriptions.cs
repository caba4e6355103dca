using System.Collections.Concurrent;
using EnterpriseMcp.Gateway.Backends;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace EnterpriseMcp.Gateway.Routing;

/// <summary>
/// resources/subscribe and unsubscribe go to the backend that owns the URI; the gateway remembers
/// which sessions subscribed, so a backend's resources/updated reaches those sessions only.
/// </summary>
internal sealed class ResourceSubscriptions
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _sessionsByUri = new(StringComparer.Ordinal);

    /// <summary>Whether a session subscribed to the URI; null when none did.</summary>
    public Func<string, bool>? SubscribersOf(string uri) =>
        _sessionsByUri.TryGetValue(uri, out var sessions) ? sessions.ContainsKey : null;

    public void Register(McpServerHandlers handlers, BackendRegistry registry, Relaying.BackendForwarder forwarder)
    {
        handlers.SubscribeToResourcesHandler = async (request, cancellationToken) =>
        {
            var uri = request.Params?.Uri;
            var backend = CallHandlers.ResourceOwner(registry, request, uri);
            await forwarder.ForwardAsync(request, null, backend, CallHandlers.ParamsOf(request), null, cancellationToken);
            if (request.Server.SessionId is { } session)
            {
                _sessionsByUri.GetOrAdd(uri!, _ => new(StringComparer.Ordinal))[session] = 0;
            }

            return new EmptyResult();
        };
        handlers.UnsubscribeFromResourcesHandler = async (request, cancellationToken) =>
        {
            var uri = request.Params?.Uri;
            var backend = CallHandlers.ResourceOwner(registry, request, uri);
            await forwarder.ForwardAsync(request, null, backend, CallHandlers.ParamsOf(request), null, cancellationToken);
            if (request.Server.SessionId is { } session && _sessionsByUri.TryGetValue(uri!, out var sessions))
            {
                sessions.TryRemove(session, out _);
            }

            return new EmptyResult();
        };
    }
}
